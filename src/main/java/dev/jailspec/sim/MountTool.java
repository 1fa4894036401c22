package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * mount(8) without arguments (or {@code -p}, in fstab(5)'s format: {@link #fstabLine}): the mounted file systems, {@code device on mountpoint (type,
 * options)} as the transcripts mount-in-jail/001 and mount-linux/001 show. In a jail, enforce_statfs decides what is seen (jail(8)):
 * 0 everything; 1 the jail's root file system as "/" and the mounts below it, with the jail's
 * path taken off; 2 (the default) only the root file system.
 */
final class MountTool implements SimTool {

    @Override
    public String name() {
        return "mount";
    }

    @Override
    public List<String> paths() {
        return List.of("/sbin/mount");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        boolean fstab = inv.args().equals(List.of("-p"));
        if (!inv.args().isEmpty() && !fstab) {
            throw new SimUnsupportedException("mount with arguments (" + String.join(" ", inv.args()) + ")");
        }
        if (fstab && hasFstabEntries(inv)) {
            throw new SimUnsupportedException("mount -p with entries in /etc/fstab (their dump and pass numbers)");
        }
        java.util.function.BiFunction<MountTable.Entry, String, String> line = fstab
                ? (e, shown) -> fstabLine(inv, e, shown) : MountTable.Entry::line;
        List<MountTable.Entry> entries = MountTable.entries(inv.state());
        SimState.JailState jail = inv.ctx().jail();
        if (jail == null || jail.enforceStatfs == 0) {
            entries.forEach(e -> inv.out(line.apply(e, e.mountpoint())));
            return 0;
        }
        Path jailRoot = inv.machine().hostFs().resolve(jail.path);
        MountTable.Entry root = null;
        Path rootPoint = null;
        for (MountTable.Entry e : entries) {
            Path p = inv.machine().hostFs().resolve(e.mountpoint());
            if (jailRoot.startsWith(p) && (rootPoint == null || p.startsWith(rootPoint))) {
                root = e;
                rootPoint = p;
            }
        }
        for (MountTable.Entry e : entries) {
            Path p = inv.machine().hostFs().resolve(e.mountpoint());
            if (e == root) {
                inv.out(line.apply(e, "/"));
            } else if (jail.enforceStatfs == 1 && p.startsWith(jailRoot) && !p.equals(jailRoot)) {
                inv.out(line.apply(e, "/" + jailRoot.relativize(p).toString().replace('\\', '/')));
            }
        }
        return 0;
    }

    /**
     * putfsent() of sbin/mount/mount.c [UNVERIFIED: read in an unpinned copy, not at releng/14.x]:
     * device and mount point each padded with tabs to the next of 8, 16, 24 columns (a space past
     * 24), the type and a tab, the options ({@code rw} unless read-only, then flags2opts() in its
     * order: ro, noexec, nosuid, ..., nfsv4acls) and a tab (a space when 8 or longer), then
     * {@code \t0 0}: no /etc/fstab entry and not ufs. A ZFS file system's flags follow its
     * readonly, exec and setuid properties (the mount options zfs_mount sets from them).
     */
    private static String fstabLine(Invocation inv, MountTable.Entry e, String shown) {
        List<String> flags = new java.util.ArrayList<>();
        boolean ro;
        if (e.fstype().equals("zfs")) {
            SimState.DatasetState ds = inv.state().datasets.get(e.device());
            Zfs zfs = new Zfs(inv.machine());
            ro = zfs.inheritedBoolean(ds, "readonly").value().equals("on");
            if (zfs.inheritedBoolean(ds, "exec").value().equals("off")) {
                flags.add("noexec");
            }
            if (zfs.inheritedBoolean(ds, "setuid").value().equals("off")) {
                flags.add("nosuid");
            }
            flags.add("nfsv4acls");
        } else {
            ro = e.options().contains("read-only");
        }
        List<String> opts = new java.util.ArrayList<>();
        opts.add(ro ? "ro" : "rw");
        opts.addAll(flags);
        String o = String.join(",", opts);
        return pad(e.device()) + pad(shown) + e.fstype() + "\t" + o + (o.length() < 8 ? "\t" : " ") + "\t0 0";
    }

    private static String pad(String s) {
        int l = s.length();
        return s + (l < 8 ? "\t" : "") + (l < 16 ? "\t" : "") + (l < 24 ? "\t" : " ");
    }

    /** getfsspec()/getfsfile() read /etc/fstab (the jail's own in a jail): any entry there is not modelled. */
    private static boolean hasFstabEntries(Invocation inv) throws IOException {
        if (!LinuxUserland.exists(inv.fs(), "/etc/fstab")) {
            return false;
        }
        return inv.fs().readText("/etc/fstab").lines().map(String::strip)
                .anyMatch(l -> !l.isEmpty() && !l.startsWith("#"));
    }
}
