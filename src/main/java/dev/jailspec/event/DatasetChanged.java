package dev.jailspec.event;

import java.time.Instant;

/** A ZFS dataset or snapshot the run created, cloned, reused or destroyed. */
public record DatasetChanged(Instant at, String dataset, Change change, String detail) implements JailspecEvent {
    public enum Change { CREATED, SNAPSHOTTED, CLONED, REUSED, DESTROYED }
}
