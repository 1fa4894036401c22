package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A download is under way: {@code bytes} of the file are on disk so far (a resumed download
 * counts what it kept), {@code total} is the whole size or -1 when the server did not say,
 * {@code bytesPerSecond} is the rate of this transfer. Published at most every ~500 ms.
 */
public record DownloadProgress(Instant at, String url, long bytes, long total, long bytesPerSecond)
        implements JailspecEvent {
    public DownloadProgress {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(url, "url");
    }
}
