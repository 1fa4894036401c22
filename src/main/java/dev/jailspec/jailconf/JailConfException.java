package dev.jailspec.jailconf;

import java.util.List;

/**
 * A jail.conf problem, worded as jail(8) words it on stderr, one line per message, each with
 * the {@code jail: } prefix, e.g. {@code jail: /etc/jail.conf line 3: unterminated string}.
 * The first line is the primary error; later lines are what jail(8) goes on to report.
 */
public final class JailConfException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> lines;

    public JailConfException(List<String> lines) {
        super(String.join("\n", requireSome(lines)));
        this.lines = List.copyOf(lines);
    }

    public JailConfException(String line) {
        this(List.of(line));
    }

    /** The lines jail(8) would print, in order. */
    public List<String> lines() {
        return lines;
    }

    public String firstLine() {
        return lines.get(0);
    }

    private static List<String> requireSome(List<String> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a JailConfException needs at least one line");
        }
        return lines;
    }
}
