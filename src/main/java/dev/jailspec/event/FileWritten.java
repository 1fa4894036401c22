package dev.jailspec.event;

import java.time.Instant;

/** The harness wrote a whole file on the host; {@code content} is its text (for runbooks and reports). */
public record FileWritten(Instant at, String path, int mode, String content) implements JailspecEvent {
}
