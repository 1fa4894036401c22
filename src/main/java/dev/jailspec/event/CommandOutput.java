package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/** One line a command printed while running; {@code stream} is "stdout" or "stderr". */
public record CommandOutput(Instant at, long id, String stream, String line) implements JailspecEvent {
    public CommandOutput {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(line, "line");
    }
}
