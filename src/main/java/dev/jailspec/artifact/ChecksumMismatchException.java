package dev.jailspec.artifact;

import java.net.URI;
import java.nio.file.Path;

/**
 * The downloaded bytes do not have the expected sha256. Nothing was put at {@code path}; the
 * bytes are kept at {@code rejectedPath} for inspection.
 */
public class ChecksumMismatchException extends ArtifactException {
    private final URI url;
    private final String expected;
    private final String actual;
    private final Path path;
    private final Path rejectedPath;

    public ChecksumMismatchException(URI url, String expected, String actual, Path path, Path rejectedPath,
                                     String hint) {
        super("sha256 mismatch for " + url + ": expected " + expected + ", got " + actual
                + ". The file was not stored at " + path + "; the downloaded bytes are kept at " + rejectedPath
                + " for inspection (delete it when done). " + hint);
        this.url = url;
        this.expected = expected;
        this.actual = actual;
        this.path = path;
        this.rejectedPath = rejectedPath;
    }

    public URI url() {
        return url;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }

    /** Where the verified file would have been stored (nothing is there). */
    public Path path() {
        return path;
    }

    public Path rejectedPath() {
        return rejectedPath;
    }
}
