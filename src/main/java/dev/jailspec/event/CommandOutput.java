package dev.jailspec.event;

import java.time.Instant;

/** One line a command printed while running; {@code stream} is "stdout" or "stderr". */
public record CommandOutput(Instant at, long id, String stream, String line) implements JailspecEvent {
}
