package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/** {@code status} is Cucumber's: PASSED, FAILED, SKIPPED, ... */
public record ScenarioFinished(Instant at, String name, Outcome status, String error) implements JailspecEvent {
    public ScenarioFinished {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
    }
}
