package dev.jailspec.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What is Rocky's stays in the Rocky implementation (dev.jailspec.linux.rocky), so a second
 * distribution is a new class and its fixtures, not edits across the code. The code of src/main
 * (comments left out: they may name Rocky as an example) says "rocky" only there, in the
 * registry that lists the implementations, in the simulator, which models Rocky's own files and
 * programs, and in config's table of every key (jailspec.rocky.*, each distribution's own keys
 * beside the others).
 */
class DistributionSpecificsTest {
    private static final Path MAIN = Path.of("src/main/java/dev/jailspec");
    private static final List<String> ALLOWED = List.of("linux/rocky/", "linux/LinuxDistributions.java", "sim/",
            "config/Setting.java", "config/Settings.java");

    @Test
    void onlyTheRockyImplementationTheSimulatorAndTheKeyTableSayRocky() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String rel = MAIN.relativize(f).toString().replace('\\', '/');
                if (ALLOWED.stream().anyMatch(rel::startsWith)) {
                    continue;
                }
                List<String> lines = withoutComments(Files.readString(f)).lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).toLowerCase(Locale.ROOT).contains("rocky")) {
                        offenders.add(rel + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(offenders).as("code outside %s that names Rocky: move it behind dev.jailspec.linux.LinuxDistribution",
                ALLOWED).isEmpty();
    }

    @Test
    void theScanSeesCodeAndSkipsComments() {
        String code = "// rocky in a comment\nint a; /* Rocky\n here */ String s = \"/compat/rocky\"; // x\n";
        assertThat(withoutComments(code)).doesNotContain("comment").doesNotContain("here").contains("\"/compat/rocky\"")
                .contains("int a;");
    }

    /** The Java text with // and /* *&#47; comments blanked (string and char literals kept), lines kept. */
    static String withoutComments(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < src.length() && src.charAt(end) != c) {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                out.append(src, i, Math.min(end + 1, src.length()));
                i = end + 1;
            } else if (src.startsWith("//", i)) {
                while (i < src.length() && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? src.length() : end + 2;
                src.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
