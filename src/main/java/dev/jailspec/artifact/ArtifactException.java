package dev.jailspec.artifact;

/** Base of everything that goes wrong while fetching, verifying or reading a release artifact. */
public class ArtifactException extends RuntimeException {
    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
