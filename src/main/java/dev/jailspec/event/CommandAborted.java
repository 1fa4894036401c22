package dev.jailspec.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A command ended without an exit status: the transport failed (a lost SSH connection) or the
 * simulator refused what it does not model. {@code error} is the exception's message.
 */
public record CommandAborted(Instant at, long id, CommandInfo command, String error) implements JailspecEvent {
    public CommandAborted {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(error, "error");
    }

    /** The argv the transport ran. */
    public List<String> argv() {
        return command.argv();
    }
}
