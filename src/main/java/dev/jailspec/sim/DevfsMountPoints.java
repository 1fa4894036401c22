package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Mount points that lie inside a mounted devfs, such as {@code compat/rocky/dev/shm}: the devfs
 * covers the directory it is mounted on, so what counts is its own node of that name, visible
 * or not under the mount's ruleset; a directory made in the tree below (mkdir before the mount)
 * is not seen. {@code shm} exists only while linux_common.ko is loaded (freebsd-facts 3.2).
 */
final class DevfsMountPoints {
    private DevfsMountPoints() {
    }

    /** The innermost mount that {@code point} lies strictly inside, when it is a devfs. */
    static Optional<SimState.MountState> inDevfs(SimMachine machine, String point) {
        SimState.MountState inner = null;
        for (SimState.MountState m : machine.state().mounts) {
            if (point.startsWith(m.mountpoint + "/") && (inner == null || m.mountpoint.length() >= inner.mountpoint.length())) {
                inner = m;
            }
        }
        return Optional.ofNullable(inner).filter(m -> m.fstype.equals("devfs"));
    }

    /** mount(8)'s strerror for {@code point} inside {@code devfs}, or null when the devfs shows that directory. */
    static String problem(SimMachine machine, SimState.MountState devfs, String point) {
        String below = point.substring(devfs.mountpoint.length() + 1);
        if (below.contains("/")) {
            throw new SimUnsupportedException("a mount point two levels inside a devfs: " + point);
        }
        try {
            List<String> shown = DevfsRulesets.visible(machine, LsTool.ruleset(devfs));
            return shown.contains(below + "/") ? null : shown.contains(below) ? Errno.ENOTDIR : Errno.ENOENT;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * devfs_mount() (sys/fs/devfs/devfs_vfsops.c): a {@code ruleset} option vfs_scanopt("%d") cannot
     * read, or outside 0-65535, is EINVAL with "invalid ruleset specification", which mount(8)
     * prints as {@code mount: SPEC: invalid ruleset specification: Invalid argument}
     * (sbin/mount/mount_fs.c: {@code warn("%s: %s", dev, errmsg)}). A number without rules is not
     * refused (devfs_rule.c devfs_ruleset_use() creates an empty ruleset).
     */
    static String rulesetProblem(List<String> options) {
        for (String o : options) {
            if (o.startsWith("ruleset=") && DevfsRulesets.parseRulesetOption(o.substring(8)).isEmpty()) {
                return "invalid ruleset specification: " + Errno.EINVAL;
            }
        }
        return null;
    }
}
