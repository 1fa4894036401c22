package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

public record StepFinished(Instant at, String text, Outcome status, String error) implements JailspecEvent {
    public StepFinished {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
    }
}
