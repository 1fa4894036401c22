package dev.jailspec.freebsd;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of {@code zfs list -H -p -o name,type,used,avail,refer,mountpoint,origin}.
 *
 * <p>Sizes are exact bytes ({@code -p}). A column that does not apply prints {@code -} and is
 * empty here: snapshots have no available space and no mount point (freebsd-facts 1.3); only
 * clones have an origin. A mount point may also be the literal {@code none} or {@code legacy}.
 */
public record ZfsDataset(
        String name,
        ZfsType type,
        OptionalLong used,
        OptionalLong available,
        OptionalLong referenced,
        Optional<String> mountpoint,
        Optional<String> origin) {

    public ZfsDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(used, "used");
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(referenced, "referenced");
        Objects.requireNonNull(mountpoint, "mountpoint");
        Objects.requireNonNull(origin, "origin");
    }

    public boolean isClone() {
        return origin.isPresent();
    }
}
