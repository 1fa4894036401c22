package dev.jailspec.jailconf;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a {@link JailConf} as canonical jail.conf text: one statement per line, blocks
 * indented with a tab, plain words left bare and everything else double-quoted with escapes.
 * {@code JailConfParser.parse(render(conf), any)} equals {@code conf}.
 */
public final class JailConfRenderer {

    private JailConfRenderer() {
    }

    public static String render(JailConf conf) {
        StringBuilder out = new StringBuilder();
        renderStatements(conf.statements(), 0, out);
        return out.toString();
    }

    private static void renderStatements(List<Statement> statements, int depth, StringBuilder out) {
        Statement previous = null;
        for (Statement statement : statements) {
            if (depth == 0 && previous != null && !(previous instanceof Comment)
                    && (previous instanceof JailBlock || statement instanceof JailBlock)) {
                out.append('\n');
            }
            renderStatement(statement, depth, out);
            previous = statement;
        }
    }

    private static void renderStatement(Statement statement, int depth, StringBuilder out) {
        String indent = "\t".repeat(depth);
        out.append(indent);
        if (statement instanceof Parameter parameter) {
            out.append(word(parameter.name())).append(assignment(parameter.op(), parameter.values())).append(";\n");
        } else if (statement instanceof VariableDefinition variable) {
            out.append(variableName(variable.name())).append(assignment(variable.op(), variable.values())).append(";\n");
        } else if (statement instanceof Include include) {
            out.append(Include.DIRECTIVE).append(' ').append(quoted(include.target())).append(";\n");
        } else if (statement instanceof JailBlock block) {
            out.append(word(block.name())).append(" {\n");
            renderStatements(block.body(), depth + 1, out);
            out.append(indent).append("}\n");
        } else if (statement instanceof Comment comment) {
            out.append(comment.text()).append('\n');
        }
    }

    private static String assignment(Operator op, List<Value> values) {
        if (values.isEmpty()) {
            return "";
        }
        String list = values.stream().map(JailConfRenderer::value).collect(Collectors.joining(", "));
        return op == Operator.NONE ? " " + list : " " + op.symbol() + " " + list;
    }

    /** A parameter or jail name: one token, bare when jaillex.l reads it back as one word. */
    private static String word(String name) {
        return TokenChars.isWord(name) || name.equals("*") ? name : quoted(name);
    }

    private static String value(Value value) {
        if (!value.hasVariables() && isBareValue(value.literal().orElseThrow())) {
            return value.literal().orElseThrow();
        }
        StringBuilder out = new StringBuilder("\"");
        for (ValuePart part : value.parts()) {
            if (part instanceof Literal literal) {
                out.append(escapeInQuotes(literal.text()));
            } else if (part instanceof VariableRef ref) {
                out.append("${").append(escapeInBraces(ref.name())).append('}');
            }
        }
        return out.append('"').toString();
    }

    /**
     * Words and slashes: {@code /} is a one-character token that glues to its neighbours, so
     * {@code /usr/local} reads back as one value, unless it would open a comment.
     */
    private static boolean isBareValue(String text) {
        if (text.isEmpty() || text.contains("//") || text.contains("/*")) {
            return false;
        }
        return text.chars().allMatch(c -> c == '/' || TokenChars.isWordChar((char) c));
    }

    private static String variableName(String name) {
        return TokenChars.isSimpleVariableName(name) ? "$" + name : "${" + escapeInBraces(name) + "}";
    }

    private static String quoted(String text) {
        return "\"" + escapeInQuotes(text) + "\"";
    }

    private static String escapeInQuotes(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"', '\\', '$' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(octal(c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Inside {@code ${...}} a backslash may be read either as a plain character or as an escape
     * (jaillex.l takes the longest match), so special characters are written as octal escapes,
     * which read back one way only.
     */
    private static String escapeInBraces(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c == 0x7f || "\\{}\"".indexOf(c) >= 0) {
                out.append(octal(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String octal(char c) {
        return String.format("\\%03o", (int) c);
    }
}
