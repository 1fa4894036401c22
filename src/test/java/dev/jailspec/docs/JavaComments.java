package dev.jailspec.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * The comments of one Java source file, each as its text with the comment syntax taken off
 * ({@code //}, {@code /*}, a Javadoc line's leading {@code *}) and its lines joined by a blank, so a
 * marker may run over several comment lines. String and character literals and text blocks are
 * skipped: a {@code "//"} in a string is no comment. Each character keeps the line it came from.
 */
record JavaComments(List<Comment> comments) {

    /** One comment: its joined text and, per character of it, the 1-based source line. */
    record Comment(String text, int[] lines) {
        int lineAt(int index) {
            return lines[Math.min(index, lines.length - 1)];
        }
    }

    static JavaComments of(String source) {
        var out = new ArrayList<Comment>();
        int line = 1;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (source.startsWith("//", i)) {
                // Line comments alone on consecutive lines are one comment, as a reader takes them.
                var b = new Builder();
                int end;
                while (true) {
                    end = source.indexOf('\n', i);
                    end = end < 0 ? n : end;
                    b.addLine(source.substring(i + 2, end), line);
                    int next = end + 1;
                    while (next < n && (source.charAt(next) == ' ' || source.charAt(next) == '\t')) {
                        next++;
                    }
                    if (end == n || !source.startsWith("//", next) || !aloneOnItsLine(source, i)) {
                        break;
                    }
                    line++;
                    i = next;
                }
                out.add(b.build());
                i = end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("a comment opened on line " + line + " is never closed");
                }
                var b = new Builder();
                String[] parts = source.substring(i + 2, end).split("\n", -1);
                for (int k = 0; k < parts.length; k++) {
                    String part = parts[k];
                    if (k == 0 && part.startsWith("*")) {
                        part = part.substring(1); // the second star of /**
                    }
                    b.addLine(k == 0 ? part : part.replaceFirst("^\\s*\\*(?!/)", ""), line + k);
                }
                out.add(b.build());
                line += parts.length - 1;
                i = end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                line += count(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = Math.min(j + 1, n);
            } else {
                i++;
            }
        }
        return new JavaComments(List.copyOf(out));
    }

    /** Whether only blanks stand before {@code at} on its line (a comment of its own, not after code). */
    private static boolean aloneOnItsLine(String s, int at) {
        int k = at - 1;
        while (k >= 0 && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
            k--;
        }
        return k < 0 || s.charAt(k) == '\n';
    }

    private static int count(String s, int from, int to) {
        int k = 0;
        for (int j = from; j < to; j++) {
            if (s.charAt(j) == '\n') {
                k++;
            }
        }
        return k;
    }

    private static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private final List<Integer> lines = new ArrayList<>();

        void addLine(String raw, int line) {
            String t = raw.strip();
            if (t.isEmpty()) {
                return;
            }
            if (!text.isEmpty()) {
                text.append(' ');
                lines.add(line);
            }
            text.append(t);
            for (int k = 0; k < t.length(); k++) {
                lines.add(line);
            }
        }

        Comment build() {
            return new Comment(text.toString(), lines.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
