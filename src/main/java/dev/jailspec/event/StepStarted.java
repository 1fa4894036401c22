package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/** A Gherkin step begins; {@code text} is keyword and text, e.g. "When the jail is started". */
public record StepStarted(Instant at, String text, int line) implements JailspecEvent {
    public StepStarted {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }
}
