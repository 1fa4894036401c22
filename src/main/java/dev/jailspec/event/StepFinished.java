package dev.jailspec.event;

import java.time.Instant;

public record StepFinished(Instant at, String text, String status, String error) implements JailspecEvent {
}
