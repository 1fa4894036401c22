package dev.jailspec.freebsd;

import java.util.List;
import java.util.Objects;

/** One mounted file system: {@code SOURCE on MOUNTPOINT (FSTYPE, OPTION, ...)}. */
public record MountEntry(String source, String mountPoint, String fsType, List<String> options) {
    public MountEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mountPoint, "mountPoint");
        Objects.requireNonNull(fsType, "fsType");
        options = List.copyOf(options);
    }
}
