package dev.jailspec.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A command outlived its timeout and was killed after {@code durationMs}. */
public record CommandTimedOut(Instant at, long id, CommandInfo command, long timeoutMs, long durationMs)
        implements JailspecEvent {
    public CommandTimedOut {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(command, "command");
    }

    /** The argv the transport ran. */
    public List<String> argv() {
        return command.argv();
    }
}
