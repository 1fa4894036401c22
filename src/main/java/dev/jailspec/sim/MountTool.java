package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * mount(8) without arguments: the mounted file systems, {@code device on mountpoint (type,
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
        if (!inv.args().isEmpty()) {
            throw new SimUnsupportedException("mount with arguments (" + String.join(" ", inv.args()) + ")");
        }
        List<MountTable.Entry> entries = MountTable.entries(inv.state());
        SimState.JailState jail = inv.ctx().jail();
        if (jail == null || jail.enforceStatfs == 0) {
            entries.forEach(e -> inv.out(e.line(e.mountpoint())));
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
                inv.out(e.line("/"));
            } else if (jail.enforceStatfs == 1 && p.startsWith(jailRoot) && !p.equals(jailRoot)) {
                inv.out(e.line("/" + jailRoot.relativize(p).toString().replace('\\', '/')));
            }
        }
        return 0;
    }
}
