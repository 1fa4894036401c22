package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/** A ZFS dataset or snapshot the run created, cloned, reused or destroyed. */
public record DatasetChanged(Instant at, String dataset, Change change, String detail) implements JailspecEvent {
    public DatasetChanged {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(detail, "detail");
    }

    public enum Change { CREATED, SNAPSHOTTED, CLONED, REUSED, DESTROYED }
}
