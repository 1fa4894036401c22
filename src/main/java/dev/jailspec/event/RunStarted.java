package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/** A test run begins; {@code runId} marks everything the run creates. */
public record RunStarted(Instant at, String runId, String target) implements JailspecEvent {
    public RunStarted {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(target, "target");
    }
}
