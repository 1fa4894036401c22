package dev.jailspec.provision;

import dev.jailspec.freebsd.DirectoryListing;
import dev.jailspec.freebsd.MountEntry;
import dev.jailspec.freebsd.Mounts;
import dev.jailspec.freebsd.PrefixedHost;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What root in the jail must not reach through the Linux userland: host disks and memory in its
 * /dev, and the host's /tmp and /home unless jailspec.linux.hostDirs shares them. Checked from
 * inside the jail, where devfs shows what the mount's ruleset leaves visible.
 */
public final class LinuxUserlandIsolation {
    /**
     * Disk nodes of FreeBSD's storage drivers with their partitions and slices (ada(4), da(4),
     * nda(4), nvd(4), vtblk(4) vtbd, md(4), mmcsd(4), xbd(4), cd(4)), and mem(4) mem/kmem and io(4):
     * raw access to the host's storage and memory.
     */
    private static final Pattern HOST_DEVICE = Pattern.compile(
            "(ada|da|nda|nvd|vtbd|md|mmcsd|xbd|cd)\\d+([ps]\\d+[a-h]?)*|mem|kmem|io");
    private static final List<String> HOST_DIRS = List.of("/tmp", "/home");

    private final PrefixedHost jail;
    private final String linuxRoot;

    LinuxUserlandIsolation(PrefixedHost jail, String linuxRoot) {
        this.jail = jail;
        this.linuxRoot = linuxRoot;
    }

    /** The names in the Linux userland's /dev as {@code ls -1A} in the jail shows them. */
    public List<String> devNodes() {
        return new DirectoryListing(jail).names(linuxRoot + "/dev");
    }

    /** Of {@code nodes}, those that give access to the host's disks or memory. */
    public static List<String> hostDevices(List<String> nodes) {
        return nodes.stream().filter(n -> HOST_DEVICE.matcher(n).matches()).toList();
    }

    /** The host directories (/tmp, /home) that are nullfs-mounted on the same path in the Linux userland. */
    public List<String> sharedHostDirs() {
        List<MountEntry> mounts = new Mounts(jail).list();
        return HOST_DIRS.stream().filter(dir -> mounts.stream().anyMatch(m -> m.fsType().equals("nullfs")
                && m.source().equals(dir) && m.mountPoint().equals(linuxRoot + dir))).toList();
    }
}
