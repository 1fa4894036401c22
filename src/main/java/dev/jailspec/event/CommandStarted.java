package dev.jailspec.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A command started on {@code host}; {@code id} links its start, output and end. */
public record CommandStarted(Instant at, long id, CommandInfo command, String host) implements JailspecEvent {
    public CommandStarted {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(host, "host");
    }

    /** The argv the transport ran. */
    public List<String> argv() {
        return command.argv();
    }
}
