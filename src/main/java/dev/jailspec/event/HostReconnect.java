package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The connection to {@code host} had dropped (the command then running failed with a transport
 * error); before the next command, login attempt {@code attempt} of {@code maxAttempts}
 * {@code succeeded} or failed for {@code reason} (empty when it succeeded).
 */
public record HostReconnect(Instant at, String host, int attempt, int maxAttempts, boolean succeeded, String reason)
        implements JailspecEvent {
    public HostReconnect {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(reason, "reason");
        if (attempt < 1 || attempt > maxAttempts) {
            throw new IllegalArgumentException("attempt " + attempt + " is not within 1.." + maxAttempts);
        }
    }
}
