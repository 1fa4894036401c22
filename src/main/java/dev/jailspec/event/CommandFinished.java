package dev.jailspec.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A command ended with {@code exitCode}; a non-zero exit is a result, not a failure of the run. */
public record CommandFinished(Instant at, long id, CommandInfo command, int exitCode, long durationMs,
                              String stdout, String stderr, Stdin stdin) implements JailspecEvent {
    public CommandFinished {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(stdin, "stdin");
    }

    /** The argv the transport ran. */
    public List<String> argv() {
        return command.argv();
    }
}
