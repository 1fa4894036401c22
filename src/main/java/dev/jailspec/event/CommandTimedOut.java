package dev.jailspec.event;

import java.time.Instant;
import java.util.List;

/** A command outlived its timeout and was killed after {@code durationMs}. */
public record CommandTimedOut(Instant at, long id, List<String> argv, long timeoutMs, long durationMs)
        implements JailspecEvent {
    public CommandTimedOut {
        argv = List.copyOf(argv);
    }
}
