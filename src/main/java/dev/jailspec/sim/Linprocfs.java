package dev.jailspec.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Files of a linprocfs mount as the kernel fills them (sys/compat/linprocfs/linprocfs.c
 * [UNVERIFIED: read in an unpinned copy, not at releng/14.x]). Only {@code self/mountinfo} is
 * modelled (linprocfs_doprocmountinfo): one line per file system getfsstat(2) shows the process
 * (in a jail, what enforce_statfs lets it see, with the jail's path taken off), {@code ID 0 0:0 /
 * MOUNTPOINT OPTIONS - FSTYPE FROM rw|ro}. _mtab_helper() names linprocfs {@code proc proc},
 * linsysfs {@code sysfs /sys}, and strips only compat.linux.emul_path ({@code /compat/linux}) off
 * mount points: a userland chrooted at /compat/rocky sees its mounts as {@code /compat/rocky/...}
 * (the source: "Ideally, this would use the current chroot rather than some hardcoded path").
 * The options are _sbuf_mntoptions_helper()'s: {@code rw} or {@code ro}, then noexec, nosuid.
 * The first field is {@code f_fsid.val[0] ^ val[1]}; the sim has no fsid and uses a CRC of the
 * device and mount point instead [UNVERIFIED: only its uniqueness matters to a reader].
 */
final class Linprocfs {
    private static final String EMUL_PATH = "/compat/linux";

    private Linprocfs() {
    }

    /** The content of {@code abs} when it lies in a linprocfs mount; empty when it does not. */
    static Optional<String> read(Invocation inv, String abs) throws IOException {
        Path real;
        try {
            real = inv.fs().resolve(abs);
        } catch (SimPathException e) {
            return Optional.empty();
        }
        for (MountTable.Entry e : MountTable.entries(inv.state())) {
            if (!e.fstype().equals("linprocfs")) {
                continue;
            }
            Path point = inv.machine().hostFs().resolve(e.mountpoint());
            if (real.startsWith(point) && !real.equals(point)) {
                String rel = point.relativize(real).toString().replace('\\', '/');
                if (rel.equals("self/mountinfo")) {
                    return Optional.of(mountinfo(inv));
                }
                throw new SimUnsupportedException("the linprocfs file /proc/" + rel);
            }
        }
        return Optional.empty();
    }

    private static String mountinfo(Invocation inv) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<MountTable.Entry, String> v : MountTool.visible(inv)) {
            MountTable.Entry e = v.getKey();
            String from = e.device();
            String type = e.fstype();
            if (type.equals("linprocfs")) {
                from = "proc";
                type = "proc";
            } else if (type.equals("procfs")) {
                continue;
            } else if (type.equals("linsysfs")) {
                from = "/sys";
                type = "sysfs";
            }
            String to = v.getValue();
            if (to.startsWith(EMUL_PATH + "/")) {
                to = to.substring(EMUL_PATH.length());
            }
            MountTool.Flags f = MountTool.flags(inv, e);
            String opts = (f.readOnly() ? "ro" : "rw") + (f.noexec() ? ",noexec" : "") + (f.nosuid() ? ",nosuid" : "");
            sb.append(id(e)).append(" 0 0:0 / ").append(to).append(' ').append(opts)
                    .append(" - ").append(type).append(' ').append(from).append(' ').append(f.readOnly() ? "ro" : "rw")
                    .append('\n');
        }
        return sb.toString();
    }

    private static long id(MountTable.Entry e) {
        CRC32 crc = new CRC32();
        crc.update((e.device() + "\0" + e.mountpoint()).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
