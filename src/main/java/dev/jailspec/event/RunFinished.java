package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

public record RunFinished(Instant at, String runId, boolean passed) implements JailspecEvent {
    public RunFinished {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(runId, "runId");
    }
}
