package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A download ended with a verified file at {@code path}. {@code bytes} is what went over the
 * network in this call (0 when {@code fromCache}; only the missing tail when it resumed).
 * {@code path} is "-" for a listing (MANIFEST, CHECKSUM) that was read into memory, not cached.
 */
public record DownloadFinished(Instant at, String url, String path, long bytes, boolean fromCache, String sha256)
        implements JailspecEvent {
    public DownloadFinished {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }
}
