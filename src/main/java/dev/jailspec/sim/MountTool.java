package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        for (Map.Entry<MountTable.Entry, String> e : visible(inv)) {
            inv.out(fstab ? fstabLine(inv, e.getKey(), e.getValue()) : e.getKey().line(e.getValue()));
        }
        return 0;
    }

    /**
     * The mounts getfsstat(2) shows where {@code inv} runs, each with its mount point as shown
     * there: in a jail, enforce_statfs decides (prison_enforce_statfs in kern_jail.c): 0 all, 1 the
     * jail's root as "/" and the mounts below it with the jail's path taken off, 2 only its root.
     */
    static List<Map.Entry<MountTable.Entry, String>> visible(Invocation inv) throws IOException {
        List<Map.Entry<MountTable.Entry, String>> out = new java.util.ArrayList<>();
        List<MountTable.Entry> entries = MountTable.entries(inv.state());
        SimState.JailState jail = inv.ctx().jail();
        if (jail == null || jail.enforceStatfs == 0) {
            entries.forEach(e -> out.add(Map.entry(e, e.mountpoint())));
            return out;
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
                out.add(Map.entry(e, "/"));
            } else if (jail.enforceStatfs == 1 && p.startsWith(jailRoot) && !p.equals(jailRoot)) {
                out.add(Map.entry(e, "/" + jailRoot.relativize(p).toString().replace('\\', '/')));
            }
        }
        return out;
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
        Flags f = flags(inv, e);
        List<String> opts = new java.util.ArrayList<>();
        opts.add(f.readOnly() ? "ro" : "rw");
        if (f.noexec()) {
            opts.add("noexec");
        }
        if (f.nosuid()) {
            opts.add("nosuid");
        }
        if (e.fstype().equals("zfs")) {
            opts.add("nfsv4acls");
        }
        String o = String.join(",", opts);
        return pad(e.device()) + pad(shown) + e.fstype() + "\t" + o + (o.length() < 8 ? "\t" : " ") + "\t0 0";
    }

    /** The MNT_ flags of a mount that the sim models: MNT_RDONLY, MNT_NOEXEC, MNT_NOSUID. */
    record Flags(boolean readOnly, boolean noexec, boolean nosuid) {
    }

    /** A ZFS file system's flags follow its readonly, exec and setuid properties; other mounts are read-only or not. */
    static Flags flags(Invocation inv, MountTable.Entry e) {
        if (!e.fstype().equals("zfs")) {
            return new Flags(e.options().contains("read-only"), false, false);
        }
        SimState.DatasetState ds = inv.state().datasets.get(e.device());
        Zfs zfs = new Zfs(inv.machine());
        return new Flags(zfs.inheritedBoolean(ds, "readonly").value().equals("on"),
                zfs.inheritedBoolean(ds, "exec").value().equals("off"), zfs.inheritedBoolean(ds, "setuid").value().equals("off"));
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
