package dev.jailspec.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * sh(1) text for a person to run by hand, built from argv and bytes with {@link ShellQuote}:
 * a command with its own environment ({@code env K=V cmd}), a command fed from a here-document,
 * a file written with its mode, a comment. Every piece reads back exactly: a here-document's
 * delimiter is never a line of its content, and content without a final newline is passed
 * through {@code $(...)}, which takes the here-document's own newline off again. The runbook
 * export is its user; no other place writes shell text.
 */
public final class ShellScript {

    private ShellScript() {
    }

    /** {@code argv} quoted, with {@code env K=V ...} in front when the command sets variables. */
    public static String command(List<String> argv, Map<String, String> env) {
        if (env.isEmpty()) {
            return ShellQuote.join(argv);
        }
        var line = new ArrayList<String>();
        line.add("env");
        env.forEach((k, v) -> line.add(k + "=" + v));
        line.addAll(argv);
        return ShellQuote.join(line);
    }

    /**
     * {@code commandLine} reading {@code stdin} (not empty) from a here-document; {@code note}
     * (a trailing comment or "") stays on the command's line. Ends with a newline.
     */
    public static String withStdin(String commandLine, String note, String stdin) {
        String delimiter = delimiter(stdin);
        if (stdin.endsWith("\n")) {
            return commandLine + " <<'" + delimiter + "'" + note + '\n' + stdin + delimiter + '\n';
        }
        return "printf '%s' \"$(cat <<'" + delimiter + "'\n" + stdin + '\n' + delimiter + "\n)\" | " + commandLine
                + note + '\n';
    }

    /** Writes {@code content} to {@code path} byte for byte, then sets {@code mode}. Ends with a newline. */
    public static String writeFile(String path, int mode, String content) {
        String quoted = ShellQuote.quote(path);
        var sb = new StringBuilder();
        if (content.isEmpty()) {
            sb.append(": > ").append(quoted).append('\n');
        } else {
            String delimiter = delimiter(content);
            if (content.endsWith("\n")) {
                sb.append("cat > ").append(quoted).append(" <<'").append(delimiter).append("'\n")
                        .append(content).append(delimiter).append('\n');
            } else {
                sb.append("printf '%s' \"$(cat <<'").append(delimiter).append("'\n").append(content).append('\n')
                        .append(delimiter).append("\n)\" > ").append(quoted).append('\n');
            }
        }
        sb.append("chmod ").append(octal(mode)).append(' ').append(quoted).append('\n');
        return sb.toString();
    }

    /** {@code text} as comment lines (no final newline); a carriage return is dropped. */
    public static String comment(String text) {
        return "# " + text.strip().replace("\r", "").replace("\n", "\n# ");
    }

    /** A file mode as chmod(1) takes it: {@code 0644}. */
    public static String octal(int mode) {
        return String.format("%04o", mode);
    }

    /** EOF, or EOF_1, EOF_2, ... : the first that is not a line of {@code content}. */
    public static String delimiter(String content) {
        List<String> lines = content.lines().toList();
        String candidate = "EOF";
        for (int n = 1; lines.contains(candidate); n++) {
            candidate = "EOF_" + n;
        }
        return candidate;
    }
}
