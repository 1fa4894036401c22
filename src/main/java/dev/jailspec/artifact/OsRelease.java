package dev.jailspec.artifact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The fields of an os-release(5) file ({@code ID}, {@code VERSION_ID}, {@code PRETTY_NAME}, ...). */
public record OsRelease(Map<String, String> fields) {
    public static final OsRelease NONE = new OsRelease(Map.of());

    public OsRelease {
        fields = Map.copyOf(fields);
    }

    /**
     * Parses os-release text: {@code KEY=value} lines, values optionally in double or single
     * quotes; inside double quotes a backslash escapes {@code $ " \ `}. Comments, blank lines
     * and lines that are not assignments are skipped, as systemd does.
     */
    public static OsRelease parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            out.put(key, unquote(line.substring(eq + 1)));
        }
        return new OsRelease(out);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            StringBuilder sb = new StringBuilder();
            String body = v.substring(1, v.length() - 1);
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length() && "$\"\\`".indexOf(body.charAt(i + 1)) >= 0) {
                    sb.append(body.charAt(++i));
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        return v;
    }

    public boolean isPresent() {
        return !fields.isEmpty();
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** {@code ID}, e.g. "rocky"; empty string when absent. */
    public String id() {
        return fields.getOrDefault("ID", "");
    }

    /** {@code VERSION_ID}, e.g. "9.6"; empty string when absent. */
    public String versionId() {
        return fields.getOrDefault("VERSION_ID", "");
    }

    /** The part of {@code VERSION_ID} before the first dot, e.g. "9". */
    public String majorVersion() {
        String v = versionId();
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }

    public String prettyName() {
        return fields.getOrDefault("PRETTY_NAME", "");
    }

    public String name() {
        return fields.getOrDefault("NAME", "");
    }

    /** For messages: PRETTY_NAME, else "NAME VERSION_ID", else "no os-release". */
    public String describe() {
        if (!prettyName().isEmpty()) {
            return prettyName() + " (ID=" + id() + ", VERSION_ID=" + versionId() + ")";
        }
        if (isPresent()) {
            return (name() + " " + versionId()).strip() + " (ID=" + id() + ")";
        }
        return "no os-release";
    }
}
