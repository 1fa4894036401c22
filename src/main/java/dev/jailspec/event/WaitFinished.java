package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/** An Awaitility wait ended; {@code satisfied} false means it timed out. */
public record WaitFinished(Instant at, String alias, long timeoutMs, long elapsedMs, int polls, boolean satisfied)
        implements JailspecEvent {
    public WaitFinished {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(alias, "alias");
    }
}
