package dev.jailspec.event;

import java.time.Instant;

/** An Awaitility wait ended; {@code satisfied} false means it timed out. */
public record WaitFinished(Instant at, String alias, long timeoutMs, long elapsedMs, int polls, boolean satisfied)
        implements JailspecEvent {
}
