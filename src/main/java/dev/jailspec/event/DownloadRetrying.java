package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Attempt {@code attempt} of a download failed for a reason worth retrying (connection error,
 * cut transfer, HTTP 5xx); the next attempt starts after {@code delayMs}.
 */
public record DownloadRetrying(Instant at, String url, int attempt, int maxAttempts, String reason, long delayMs)
        implements JailspecEvent {
    public DownloadRetrying {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(reason, "reason");
    }
}
