package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code zfs snapshot [-r] filesystem@snap ...} (freebsd-facts 1.5, 1.7): silent on success;
 * all snapshots of one command are made together or not at all.
 */
final class ZfsSnapshot {
    private final Invocation inv;
    private final Zfs zfs;

    ZfsSnapshot(Invocation inv, Zfs zfs) {
        this.inv = inv;
        this.zfs = zfs;
    }

    int run(List<String> args) throws IOException {
        Getopt g = ZfsTool.options(inv, "snapshot", args, "ro:");
        if (g == null) {
            return ZfsUsage.EXIT;
        }
        if (g.has('o')) {
            throw new SimUnsupportedException("zfs snapshot -o");
        }
        if (g.operands().isEmpty()) {
            inv.err("missing snapshot argument");
            return ZfsUsage.fail(inv, "snapshot");
        }
        List<SimState.DatasetState> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String arg : g.operands()) {
            int at = arg.indexOf('@');
            if (at < 0) {
                // zfs_do_snapshot: an argument without '@' is a usage error
                return ZfsUsage.fail(inv, "snapshot");
            }
            String fsName = arg.substring(0, at);
            Optional<SimState.DatasetState> fs = zfs.find(fsName).filter(d -> !d.snapshot);
            if (fs.isEmpty()) {
                // freebsd-facts 1.5: "open/list/get/snapshot a missing dataset" -> exit 1
                ZfsTool.cannotOpen(inv, fsName);
                return 1;
            }
            String snapName = arg.substring(at + 1);
            Optional<String> bad = ZfsNames.snapshotProblem(arg);
            if (bad.isPresent()) {
                inv.err("cannot create snapshot '" + arg + "': " + bad.get());
                return 1;
            }
            List<SimState.DatasetState> targets = g.has('r')
                    ? zfs.tree(fs.get(), Integer.MAX_VALUE).stream().filter(d -> !d.snapshot).toList()
                    : List.of(fs.get());
            for (SimState.DatasetState t : targets) {
                sources.add(t);
                names.add(snapName);
            }
        }
        for (int i = 0; i < sources.size(); i++) {
            String full = sources.get(i).name + "@" + names.get(i);
            if (zfs.find(full).isPresent()) {
                inv.err("cannot create snapshot '" + full + "': dataset already exists");
                if (sources.size() > 1) {
                    inv.err("no snapshots were created");
                }
                return 1;
            }
        }
        for (int i = 0; i < sources.size(); i++) {
            zfs.snapshot(sources.get(i), names.get(i));
        }
        return 0;
    }
}
