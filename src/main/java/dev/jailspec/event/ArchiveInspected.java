package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/**
 * An image archive was read member by member before anything of it was extracted (its format, its
 * members, the checks on them): {@code name} the file, {@code sha256} its checked hash, {@code members}
 * how many it holds. Published only when it is read, not when a run reuses what it read earlier, so
 * the event log counts the passes over an image (bench/suite).
 */
public record ArchiveInspected(Instant at, String name, String sha256, long members) implements JailspecEvent {
    public ArchiveInspected {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        if (members < 0) {
            throw new IllegalArgumentException("members must not be negative: " + members);
        }
    }
}
