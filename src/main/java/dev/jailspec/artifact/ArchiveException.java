package dev.jailspec.artifact;

/** An archive cannot be read or must not be used; {@link #problem()} says which case. */
public class ArchiveException extends ArtifactException {
    public enum Problem {
        /** The compressed stream ends early: an interrupted download. */
        TRUNCATED,
        /** An integrity check (CRC) failed or the compressed data is damaged. */
        CORRUPT,
        /** The file is not in the format its name promises (magic bytes differ). */
        WRONG_FORMAT,
        /** The xz header asks for more memory than the configured limit. */
        MEMORY_LIMIT,
        /** The tar layer is damaged (bad header checksum, short entry). */
        BAD_TAR,
        /** An OCI image archive is incomplete or inconsistent (missing blob, bad digest, no amd64). */
        BAD_OCI,
        /** An entry would write outside the root or create a device node. */
        UNSAFE_ENTRY,
        /** Reading or spooling failed for another I/O reason. */
        IO
    }

    private final String archive;
    private final Problem problem;

    public ArchiveException(String archive, Problem problem, String message) {
        this(archive, problem, message, null);
    }

    public ArchiveException(String archive, Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.archive = archive;
        this.problem = problem;
    }

    public String archive() {
        return archive;
    }

    public Problem problem() {
        return problem;
    }
}
