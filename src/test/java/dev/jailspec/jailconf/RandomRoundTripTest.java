package dev.jailspec.jailconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated files full of awkward quoting: whatever parses must render to text that parses back
 * to the same model, and rendering must be stable. Fixed seed, so failures reproduce.
 */
class RandomRoundTripTest {

    private static final String[] PIECES = {
        "a", "b.c", "/", "//", "/*", "*/", "*", "+=", "$x", "${y}", "${a.b}", "$", "\\$", "\\\\", "\\\"",
        "\\n", "\\x41", "\\101", "\\\n", "{", "}", ";", ",", "=", "#", " ", "\t", "ホ", "\u0001", "%%X%%",
    };
    private static final String[] WORDS = {"word", "/usr/local", "10.0.0.1", "$v", "${w}", "a$b", "x\\ y"};
    private static final String[] NAMES = {"path", "allow.nomount", "$v", "${w}", "\"odd name\"", ".include"};
    private static final String[] OPERATORS = {";", " = ", " += ", " "};
    private static final String[] JAILS = {"j", "\"q j\"", "*", "%J%"};
    private static final String[] OTHERS = {"# c\n", "/* c\n c */", "// x\n", ";\n"};

    private final Random random = new Random(20240607);

    @Test
    void parsedFilesRenderBackToTheSameModel() {
        int parsed = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder();
            statements(text, 0);
            JailConf conf;
            try {
                conf = JailConfParser.parse(text.toString(), "generated");
            } catch (JailConfException rejected) {
                continue;
            }
            parsed++;
            String rendered = JailConfRenderer.render(conf);
            assertThat(JailConfParser.parse(rendered, "rendered")).as("from:%n%s%nrendered:%n%s", text, rendered)
                    .isEqualTo(conf);
            assertThat(JailConfRenderer.render(JailConfParser.parse(rendered, "rendered"))).isEqualTo(rendered);
        }
        assertThat(parsed).as("enough generated files parse").isGreaterThan(1000);
    }

    private void statements(StringBuilder out, int depth) {
        for (int n = random.nextInt(5); n > 0; n--) {
            int kind = random.nextInt(depth < 2 ? 6 : 5);
            if (kind == 5) {
                out.append(pick(JAILS)).append(" {\n");
                statements(out, depth + 1);
                out.append("}\n");
            } else if (kind == 4) {
                out.append(pick(OTHERS));
            } else {
                out.append(pick(NAMES));
                String op = pick(OPERATORS);
                out.append(op);
                if (!op.equals(";")) {
                    out.append(value());
                    for (int v = random.nextInt(3); v > 0; v--) {
                        out.append(", ").append(value());
                    }
                    out.append(";\n");
                }
            }
        }
    }

    private String value() {
        return switch (random.nextInt(3)) {
            case 0 -> quoted('"');
            case 1 -> quoted('\'');
            default -> pick(WORDS);
        };
    }

    private String quoted(char quote) {
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = random.nextInt(6); i > 0; i--) {
            out.append(pick(PIECES).replace(String.valueOf(quote), ""));
        }
        return out.append(quote).toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
