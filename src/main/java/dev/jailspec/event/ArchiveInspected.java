package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/**
 * An image archive's inspection (its format, its members, the checks on them) before anything of
 * it was extracted: {@code name} the file, {@code sha256} its checked hash, {@code members} how many
 * it holds, {@code source} whether its bytes were read for it (while they downloaded, or from the
 * finished file) or it came from the inspection cache of an earlier run. Published once per image
 * a run prepares, not when a later scenario reuses the run's own preparation, so the event log
 * counts the passes over an image (bench/suite: a warm run reads none).
 */
public record ArchiveInspected(Instant at, String name, String sha256, long members, Source source)
        implements JailspecEvent {
    /** Where the inspection came from. */
    public enum Source {
        /** Read as the bytes arrived, in the pass that hashed them. */
        IN_FLIGHT,
        /** Read from the downloaded file (a cached download without a cache entry, or a resumed download that started over). */
        FILE,
        /** Not read: an earlier run's inspection of the same sha256, kept beside the download. */
        CACHE;

        /** The image's bytes were read for this inspection. */
        public boolean readTheBytes() {
            return this != CACHE;
        }
    }

    public ArchiveInspected {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(source, "source");
        if (members < 0) {
            throw new IllegalArgumentException("members must not be negative: " + members);
        }
    }
}
