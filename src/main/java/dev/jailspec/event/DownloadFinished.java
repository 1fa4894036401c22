package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A download ended with verified bytes, kept where {@code destination} says: a file in the
 * download cache, or in memory for a listing (MANIFEST, CHECKSUM) that is read, not cached.
 * {@code bytes} is what went over the network in this call (0 when {@code fromCache}; only the
 * missing tail when it resumed).
 */
public record DownloadFinished(Instant at, String url, Destination destination, long bytes, boolean fromCache,
                               String sha256) implements JailspecEvent {
    public DownloadFinished {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Where the downloaded bytes are. */
    public sealed interface Destination {
    }

    /** A verified file in the download cache. */
    public record CachedFile(String path) implements Destination {
        public CachedFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /** Read into memory and used at once (a listing); nothing was cached. */
    public record InMemory() implements Destination {
    }
}
