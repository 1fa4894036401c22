package dev.jailspec.event;

import java.time.Instant;
import java.util.List;

/** {@code id} links the start, output and end of one command. */
public record CommandStarted(Instant at, long id, List<String> argv, String host) implements JailspecEvent {
    public CommandStarted {
        argv = List.copyOf(argv);
    }
}
