package dev.jailspec.host;

import java.util.Objects;

/** One line a running command printed, without its newline. */
public record OutputLine(Stream stream, String text) {
    public enum Stream { STDOUT, STDERR }

    public OutputLine {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
    }
}
