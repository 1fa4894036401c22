package dev.jailspec.sim;

import java.util.List;

/** The little JSON libxo writes for jls(8), spaced exactly as libxo spaces it. */
final class Json {
    private Json() {
    }

    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String array(List<String> values) {
        return "[" + String.join(",", values.stream().map(Json::string).toList()) + "]";
    }

    /** {@code {"__version": "2", "jail-information": {"jail": [...]}}} (freebsd-facts 2.4, transcripts jls-libxo-json). */
    static String jlsDocument(List<String> jails) {
        return "{\"__version\": \"2\", \"jail-information\": {\"jail\": [" + String.join(", ", jails) + "]}}";
    }
}
