package dev.jailspec.event;

import java.time.Instant;
import java.util.List;

public record CommandFinished(Instant at, long id, List<String> argv, int exitCode, long durationMs,
                              String stdout, String stderr, String stdin) implements JailspecEvent {
    public CommandFinished {
        argv = List.copyOf(argv);
    }
}
