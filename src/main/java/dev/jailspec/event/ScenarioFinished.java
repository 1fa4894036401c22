package dev.jailspec.event;

import java.time.Instant;

/** {@code status} is Cucumber's: PASSED, FAILED, SKIPPED, ... */
public record ScenarioFinished(Instant at, String name, String status, String error) implements JailspecEvent {
}
