package dev.jailspec.event;

import java.time.Instant;

public record RunFinished(Instant at, String runId, boolean passed) implements JailspecEvent {
}
