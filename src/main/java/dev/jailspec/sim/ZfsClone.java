package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code zfs clone [-p] [-o property=value]... snapshot filesystem} (zfs_do_clone of cmd/zfs/zfs_main.c,
 * zfs_clone of libzfs; freebsd-facts 1.5 for the errors). The options and the argument errors are
 * zfs_do_clone's at zfs-2.2.7 (getopt "o:p": no -u before 2.3's tree either) [UNVERIFIED: zfs_clone's
 * own errors not read at the tag].
 */
final class ZfsClone {
    private final Invocation inv;
    private final Zfs zfs;

    ZfsClone(Invocation inv, Zfs zfs) {
        this.inv = inv;
        this.zfs = zfs;
    }

    int run(List<String> args) throws IOException {
        Getopt g = ZfsTool.options(inv, "clone", args, "o:p");
        if (g == null) {
            return ZfsUsage.EXIT;
        }
        Optional<Map<String, String>> props = ZfsPropInput.parse(inv, g.all('o'));
        if (props.isEmpty()) {
            return 1;
        }
        List<String> ops = g.operands();
        if (ops.isEmpty()) {
            inv.err("missing source dataset argument");
            return ZfsUsage.fail(inv, "clone");
        }
        if (ops.size() < 2) {
            inv.err("missing target dataset argument");
            return ZfsUsage.fail(inv, "clone");
        }
        if (ops.size() > 2) {
            inv.err("too many arguments");
            return ZfsUsage.fail(inv, "clone");
        }
        String source = ops.get(0);
        String target = ops.get(1);
        Optional<SimState.DatasetState> snap = zfs.find(source);
        if (snap.isEmpty()) {
            ZfsTool.cannotOpen(inv, source);
            return 1;
        }
        if (!snap.get().snapshot) {
            inv.err("cannot open '" + source + "': operation not applicable to datasets of this type");
            return 1;
        }
        if (g.has('p') && ZfsNames.filesystemProblem(target).isEmpty()) {
            if (zfs.find(target).isPresent()) {
                return 0;
            }
            String pool = ZfsNames.pool(target);
            if (!zfs.poolExists(pool)) {
                inv.err("cannot create '" + target + "': no such pool '" + pool + "'");
                return 1;
            }
            List<String> missing = new ArrayList<>();
            for (String p = ZfsNames.parent(target); p != null && zfs.find(p).isEmpty(); p = ZfsNames.parent(p)) {
                missing.add(0, p);
            }
            for (String p : missing) {
                zfs.create(p, Map.of(), true);
            }
        }
        String cannot = "cannot create '" + target + "': ";
        Optional<String> bad = ZfsNames.filesystemProblem(target);
        if (bad.isPresent()) {
            inv.err(cannot + bad.get());
            return 1;
        }
        String parent = ZfsNames.parent(target);
        if (parent == null) {
            inv.err(cannot + "missing dataset name");
            return 1;
        }
        String pool = ZfsNames.pool(target);
        if (!zfs.poolExists(pool)) {
            inv.err(cannot + "no such pool '" + pool + "'");
            return 1;
        }
        if (zfs.find(parent).isEmpty()) {
            inv.err(cannot + "parent does not exist");
            return 1;
        }
        for (Map.Entry<String, String> e : props.get().entrySet()) {
            Optional<String> problem = ZfsPropInput.problem(e.getKey(), e.getValue());
            if (problem.isPresent()) {
                inv.err(cannot + problem.get());
                return 1;
            }
        }
        if (zfs.find(target).isPresent()) {
            inv.err(cannot + "dataset already exists");
            return 1;
        }
        if (!pool.equals(snap.get().pool())) {
            inv.err(cannot + "source and target pools differ");
            return 1;
        }
        zfs.cloneOf(snap.get(), target, ZfsPropInput.canonical(props.get()));
        return 0;
    }
}
