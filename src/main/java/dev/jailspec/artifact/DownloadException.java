package dev.jailspec.artifact;

import java.net.URI;

/**
 * A download failed for good: a status that retrying cannot fix (404, 403, ...), or retries
 * used up. {@code status} is the last HTTP status, or -1 when no response arrived.
 */
public class DownloadException extends ArtifactException {
    private final URI url;
    private final int status;
    private final int attempts;

    public DownloadException(String message, URI url, int status, int attempts, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.status = status;
        this.attempts = attempts;
    }

    public URI url() {
        return url;
    }

    public int status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }
}
