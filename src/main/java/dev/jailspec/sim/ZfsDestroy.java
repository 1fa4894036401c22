package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code zfs destroy [-nprRv] filesystem|snapshot} (zfs_do_destroy, destroy_check_dependent,
 * destroy_callback of zfs_main.c; freebsd-facts 1.6). Dependents are visited the way
 * zfs_iter_dependents() does: child file systems, then snapshots, then a snapshot's clones,
 * each after its own dependents.
 */
final class ZfsDestroy {
    private final Invocation inv;
    private final Zfs zfs;
    private boolean verbose;
    private boolean dryRun;
    private boolean parsable;
    private boolean recurse;
    private boolean doClones;

    ZfsDestroy(Invocation inv, Zfs zfs) {
        this.inv = inv;
        this.zfs = zfs;
    }

    int run(List<String> args) throws IOException {
        Getopt g = ZfsTool.options(inv, "destroy", args, "vpndfrR");
        if (g == null) {
            return ZfsUsage.EXIT;
        }
        if (g.has('d') || g.has('f')) {
            throw new SimUnsupportedException("zfs destroy -" + (g.has('d') ? 'd' : 'f'));
        }
        verbose = g.has('v');
        dryRun = g.has('n');
        parsable = g.has('p');
        recurse = g.has('r') || g.has('R');
        doClones = g.has('R');
        if (g.operands().isEmpty()) {
            inv.err("missing dataset argument");
            return ZfsUsage.fail(inv, "destroy");
        }
        if (g.operands().size() > 1) {
            inv.err("too many arguments");
            return ZfsUsage.fail(inv, "destroy");
        }
        String arg = g.operands().get(0);
        if (arg.contains("#")) {
            throw new SimUnsupportedException("zfs destroy of a bookmark");
        }
        return arg.contains("@") ? destroySnapshots(arg) : destroyFilesystem(arg);
    }

    private int destroyFilesystem(String name) throws IOException {
        Optional<SimState.DatasetState> found = zfs.find(name);
        if (found.isEmpty()) {
            ZfsTool.cannotOpen(inv, name);
            return 1;
        }
        SimState.DatasetState target = found.get();
        if (!recurse && !name.contains("/")) {
            inv.err("cannot destroy '" + name + "': operation does not apply to pools");
            inv.err("use 'zfs destroy -r " + name + "' to destroy all datasets in the pool");
            inv.err("use 'zpool destroy " + name + "' to destroy the pool itself");
            return 1;
        }
        if (!doClones && reportDependents(target)) {
            return 1;
        }
        List<SimState.DatasetState> victims = dependents(target);
        victims.add(target);
        boolean failed = false;
        for (SimState.DatasetState d : victims) {
            if (!destroyOne(d)) {
                if (!recurse) {
                    return 1;
                }
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }

    /** destroy_callback(): report, skip pools and dry runs, unmount (busy fails) and destroy. */
    private boolean destroyOne(SimState.DatasetState d) throws IOException {
        if (verbose) {
            inv.out(parsable ? "destroy\t" + d.name : (dryRun ? "would destroy " : "will destroy ") + d.name);
        }
        if ((!d.snapshot && !d.name.contains("/")) || dryRun) {
            return true;
        }
        if (zfs.busy(d)) {
            inv.err("cannot unmount '" + d.mountedAt + "': pool or dataset is busy");
            return false;
        }
        zfs.destroy(d);
        return true;
    }

    /** destroy_check_dependent(); true when the destroy must not go on. */
    private boolean reportDependents(SimState.DatasetState target) {
        boolean first = true;
        boolean error = false;
        for (SimState.DatasetState d : dependents(target)) {
            boolean descendant = d.name.startsWith(target.name + "/") || d.name.startsWith(target.name + "@");
            if (descendant) {
                if (recurse) {
                    continue;
                }
                if (first) {
                    inv.err("cannot destroy '" + target.name + "': " + typeName(target) + " has children");
                    inv.err("use '-r' to destroy the following datasets:");
                    first = false;
                    error = true;
                }
            } else {
                if (!recurse && !target.snapshot) {
                    continue;
                }
                if (first) {
                    inv.err("cannot destroy '" + target.name + "': " + typeName(target) + " has dependent clones");
                    inv.err("use '-R' to destroy the following datasets:");
                    first = false;
                    error = true;
                }
            }
            inv.err(d.name);
        }
        return error;
    }

    private static String typeName(SimState.DatasetState d) {
        return d.snapshot ? "snapshot" : "filesystem";
    }

    /** zfs_iter_dependents(): every dependent, each after its own dependents; not the target itself. */
    private List<SimState.DatasetState> dependents(SimState.DatasetState target) {
        Set<String> seen = new LinkedHashSet<>();
        List<SimState.DatasetState> out = new ArrayList<>();
        visit(target, true, seen, out);
        return out;
    }

    private void visit(SimState.DatasetState d, boolean first, Set<String> seen, List<SimState.DatasetState> out) {
        if (d.snapshot) {
            for (SimState.DatasetState clone : zfs.clonesOf(d)) {
                visit(clone, false, seen, out);
            }
        } else {
            for (SimState.DatasetState child : zfs.children(d.name)) {
                visit(child, false, seen, out);
            }
            for (SimState.DatasetState snap : zfs.snapshots(d.name)) {
                visit(snap, false, seen, out);
            }
        }
        if (!first && seen.add(d.name)) {
            out.add(d);
        }
    }

    private int destroySnapshots(String arg) throws IOException {
        int at = arg.indexOf('@');
        String fsName = arg.substring(0, at);
        String snapName = arg.substring(at + 1);
        if (snapName.contains("%") || snapName.contains(",")) {
            throw new SimUnsupportedException("zfs destroy of snapshot ranges or lists (" + arg + ")");
        }
        Optional<SimState.DatasetState> fs = zfs.find(fsName).filter(d -> !d.snapshot);
        if (fs.isEmpty()) {
            ZfsTool.cannotOpen(inv, fsName);
            return 1;
        }
        List<SimState.DatasetState> snaps = new ArrayList<>();
        boolean error = false;
        List<SimState.DatasetState> filesystems = recurse
                ? zfs.tree(fs.get(), Integer.MAX_VALUE).stream().filter(d -> !d.snapshot).toList()
                : List.of(fs.get());
        for (SimState.DatasetState f : filesystems) {
            Optional<SimState.DatasetState> s = zfs.find(f.name + "@" + snapName);
            if (s.isEmpty()) {
                continue;
            }
            if (!doClones && reportDependents(s.get())) {
                error = true;
            }
            snaps.add(s.get());
            if (verbose) {
                inv.out(parsable ? "destroy\t" + s.get().name : (dryRun ? "would destroy " : "will destroy ") + s.get().name);
            }
        }
        if (error) {
            return 1;
        }
        if (snaps.isEmpty()) {
            inv.err("could not find any snapshots to destroy; check snapshot names.");
            return 1;
        }
        if (verbose) {
            inv.out(parsable ? "reclaim\t0" : (dryRun ? "would reclaim " : "will reclaim ") + SizeFormat.nicebytes(0));
        }
        if (dryRun) {
            return 0;
        }
        boolean failed = false;
        if (doClones) {
            for (SimState.DatasetState s : snaps) {
                for (SimState.DatasetState d : dependents(s)) {
                    failed |= !destroyOne(d);
                }
            }
        }
        if (failed) {
            return 1;
        }
        for (SimState.DatasetState s : snaps) {
            zfs.destroy(s);
        }
        return 0;
    }
}
