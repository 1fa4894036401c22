package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * df(1) on the host with {@code -h} and no operand: every mounted file system (getmntinfo(3),
 * {@link MountTool#visible}) as prtstat() of bin/df/df.c prints it with hflag: the header
 * {@code Filesystem    Size    Used   Avail Capacity  Mounted on} with "Filesystem" padded to the
 * longest device name, each row the device padded alike, then {@code "  %6s"} for Size (f_blocks
 * x f_bsize), Used ((f_blocks - f_bfree) x f_bsize) and Avail (f_bavail x f_bsize) through
 * humanize_number ({@link HumanizeNumber}), {@code " %5.0f%%"} for used / (used + f_bavail), and
 * {@code "    "} before the mount point [UNVERIFIED: df.c read in an unpinned 14-era copy
 * (sobomax/freebsd14_vendor, libxo's xo_emit with the same widths), not at releng/14.x]. The
 * layout agrees with the df -h outputs in shared/reference/upstream-doc (vnet_thin_jail/df,
 * linux_jail/df, linux_jail/ldev_jail_df). What each file system's statfs says: {@link #statfs}.
 * Other options, operands and df in a jail are not modelled.
 */
final class DfTool implements SimTool {
    private static final long PAGE_SIZE = 4096;
    /** What tmpfs_mem_avail() answers on the simulated host: free memory and swap it may use. */
    static final long TMPFS_MEM_AVAIL = 8L << 30;

    /** The numbers of statfs(2) df prints, f_bsize and the counts in its blocks. */
    record Statfs(long bsize, long blocks, long bfree, long bavail) {
    }

    @Override
    public String name() {
        return "df";
    }

    @Override
    public List<String> paths() {
        return List.of("/bin/df");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        if (!inv.args().equals(List.of("-h"))) {
            throw new SimUnsupportedException("df " + String.join(" ", inv.args()) + " (only df -h is modelled)");
        }
        List<Map.Entry<MountTable.Entry, String>> mounts = MountTool.visible(inv);
        int mntfrom = "Filesystem".length();
        for (Map.Entry<MountTable.Entry, String> m : mounts) {
            mntfrom = Math.max(mntfrom, m.getKey().device().length());
        }
        inv.out(String.format("%-" + mntfrom + "s %7s %7s %7s Capacity  Mounted on", "Filesystem", "   Size", "Used", "Avail"));
        for (Map.Entry<MountTable.Entry, String> m : mounts) {
            Statfs s = statfs(inv, m.getKey());
            long used = s.blocks() - s.bfree();
            long availblks = s.bavail() + used;
            double capacity = availblks == 0 ? 100.0 : (double) used / (double) availblks * 100.0;
            // printf's %.0f rounds half to even
            inv.out(String.format("%-" + mntfrom + "s  %6s  %6s  %6s %5d%%    %s", m.getKey().device(),
                    HumanizeNumber.bytes(s.blocks() * s.bsize()), HumanizeNumber.bytes(used * s.bsize()),
                    HumanizeNumber.bytes(s.bavail() * s.bsize()), (long) Math.rint(capacity), m.getValue()));
        }
        return 0;
    }

    /**
     * statfs(2) of one mount.
     * <ul>
     * <li>zfs: zfs_statfs() of module/os/freebsd/zfs/zfs_vfsops.c (OpenZFS): f_bsize SPA_MINBLOCKSIZE
     * (512), f_blocks (referenced + available) >> 9, f_bfree = f_bavail = available / 512, so Used
     * is the dataset's referenced and Avail its available [UNVERIFIED: read in an unpinned copy,
     * not at the zfs-2.2 release of 14.x].</li>
     * <li>devfs and fdescfs: two blocks of 512 bytes, both free (1.0K, 0B, 1.0K, 0%), linprocfs and
     * linsysfs (pseudofs): two blocks of a 4096-byte page, both free (8.0K, 0B, 8.0K, 0%), as the
     * upstream-doc outputs (linux_jail/df, linux_jail/ldev_jail_df) show [UNVERIFIED: devfs_statfs,
     * fdesc_statfs and pfs_statfs not read].</li>
     * <li>tmpfs: tmpfs_statfs() of sys/fs/tmpfs/tmpfs_vfsops.c: f_bsize PAGE_SIZE, f_blocks the
     * size's pages or, without a size, the used pages + tmpfs_mem_avail(), f_bfree = f_bavail =
     * f_blocks - used [UNVERIFIED: read in an unpinned copy, not at releng/14.x]. An empty tmpfs
     * uses one page (linux_jail/ldev_jail_df: 1.0G, 4.0K, 1.0G for size=1g) [UNVERIFIED: taken from
     * the output, tmpfs_pages_used() not read]; the sim has no memory, so tmpfs_mem_avail() is a
     * fixed {@link #TMPFS_MEM_AVAIL} [UNVERIFIED: a choice of the sim, as its pool size is]; a
     * tmpfs holding files is not modelled.</li>
     * <li>nullfs: the statfs of the file system below its source directory, under the source's
     * name (linux_jail/ldev_jail_df: {@code /tmp 230G 46K 230G}) [UNVERIFIED: nullfs_statfs not
     * read; only a ZFS lower file system is modelled].</li>
     * </ul>
     * Anything else (procfs, ...) is not modelled.
     */
    static Statfs statfs(Invocation inv, MountTable.Entry e) throws IOException {
        return switch (e.fstype()) {
            case "zfs" -> zfs(inv, e.device());
            case "devfs", "fdescfs" -> new Statfs(512, 2, 2, 2);
            case "linprocfs", "linsysfs" -> new Statfs(PAGE_SIZE, 2, 2, 2);
            case "tmpfs" -> tmpfs(inv, e);
            case "nullfs" -> nullfs(inv, e);
            default -> throw new SimUnsupportedException("df of a " + e.fstype() + " file system");
        };
    }

    private static Statfs zfs(Invocation inv, String dataset) throws IOException {
        SimState.DatasetState ds = inv.state().datasets.get(dataset);
        Zfs zfs = new Zfs(inv.machine());
        long refd = zfs.referenced(ds);
        long avail = zfs.available(ds);
        return new Statfs(512, (refd + avail) >> 9, avail / 512, avail / 512);
    }

    private static Statfs tmpfs(Invocation inv, MountTable.Entry e) throws IOException {
        SimState.MountState m = mountState(inv, e);
        Optional<Long> size = m.options.stream().flatMap(o -> List.of(o.split(",")).stream())
                .filter(o -> o.startsWith("size=")).findFirst().map(o -> parseSize(o.substring(5)));
        Path real = inv.machine().hostFs().resolve(e.mountpoint());
        if (Trees.size(real, java.util.Set.of()) != 0) {
            throw new SimUnsupportedException("df of a tmpfs holding files (its page accounting)");
        }
        long used = 1;
        long blocks = size.map(s -> s / PAGE_SIZE).orElse(used + TMPFS_MEM_AVAIL / PAGE_SIZE);
        long bavail = Math.max(0, blocks - used);
        return new Statfs(PAGE_SIZE, blocks, bavail, bavail);
    }

    private static Statfs nullfs(Invocation inv, MountTable.Entry e) throws IOException {
        Path source = inv.machine().hostFs().resolve(e.device());
        MountTable.Entry lower = null;
        Path lowerPoint = null;
        for (MountTable.Entry other : MountTable.entries(inv.state())) {
            Path p = inv.machine().hostFs().resolve(other.mountpoint());
            if (other != e && source.startsWith(p) && (lowerPoint == null || p.startsWith(lowerPoint))) {
                lower = other;
                lowerPoint = p;
            }
        }
        if (lower == null || !lower.fstype().equals("zfs")) {
            throw new SimUnsupportedException("df of a nullfs mount whose source is not on ZFS (" + e.device() + ")");
        }
        return zfs(inv, lower.device());
    }

    private static SimState.MountState mountState(Invocation inv, MountTable.Entry e) {
        return inv.state().mounts.stream()
                .filter(m -> m.mountpoint.equals(e.mountpoint()) && m.fstype.equals(e.fstype()))
                .reduce((a, b) -> b).orElseThrow();
    }

    /** tmpfs's size= as mount_tmpfs takes it (expand_number(3): k, m, g, t suffixes). */
    private static long parseSize(String text) {
        var m = java.util.regex.Pattern.compile("(\\d+)([kKmMgGtT]?)").matcher(text);
        if (!m.matches()) {
            throw new SimUnsupportedException("tmpfs size=" + text);
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return n << shift;
    }
}
