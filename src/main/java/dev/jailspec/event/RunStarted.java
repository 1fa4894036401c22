package dev.jailspec.event;

import java.time.Instant;

/** A test run begins; {@code runId} marks everything the run creates. */
public record RunStarted(Instant at, String runId, String target) implements JailspecEvent {
}
