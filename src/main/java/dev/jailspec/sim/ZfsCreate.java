package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code zfs create [-p] [-u] [-o property=value]... filesystem} (zfs_do_create, zfs_create,
 * check_parents of libzfs; freebsd-facts 1.5).
 */
final class ZfsCreate {
    private final Invocation inv;
    private final Zfs zfs;

    ZfsCreate(Invocation inv, Zfs zfs) {
        this.inv = inv;
        this.zfs = zfs;
    }

    int run(List<String> args) throws IOException {
        Getopt g = ZfsTool.options(inv, "create", args, ":PV:b:nso:puv");
        if (g == null) {
            return ZfsUsage.EXIT;
        }
        for (char c : "PbnsVv".toCharArray()) {
            if (g.has(c)) {
                throw new SimUnsupportedException("zfs create -" + c);
            }
        }
        Optional<Map<String, String>> props = ZfsPropInput.parse(inv, g.all('o'));
        if (props.isEmpty()) {
            return 1;
        }
        if (g.operands().isEmpty()) {
            inv.err("missing filesystem argument");
            return ZfsUsage.fail(inv, "create");
        }
        if (g.operands().size() > 1) {
            inv.err("too many arguments");
            return ZfsUsage.fail(inv, "create");
        }
        String name = g.operands().get(0);
        boolean parents = g.has('p');
        if (parents && ZfsNames.filesystemProblem(name).isEmpty()) {
            if (zfs.find(name).isPresent()) {
                return 0;
            }
            if (!createAncestors(name)) {
                return 1;
            }
        }
        return create(name, props.get(), !g.has('u'));
    }

    /** zfs_create_ancestors(): every missing parent, mounted as it is made. */
    private boolean createAncestors(String name) throws IOException {
        String pool = ZfsNames.pool(name);
        if (!zfs.poolExists(pool)) {
            inv.err("cannot create '" + name + "': no such pool '" + pool + "'");
            return false;
        }
        List<String> missing = new ArrayList<>();
        for (String p = ZfsNames.parent(name); p != null && zfs.find(p).isEmpty(); p = ZfsNames.parent(p)) {
            missing.add(0, p);
        }
        for (String p : missing) {
            zfs.create(p, Map.of(), true);
        }
        return true;
    }

    private int create(String name, Map<String, String> props, boolean mount) throws IOException {
        String cannot = "cannot create '" + name + "': ";
        Optional<String> bad = ZfsNames.filesystemProblem(name);
        if (bad.isPresent()) {
            inv.err(cannot + bad.get());
            return 1;
        }
        String parent = ZfsNames.parent(name);
        if (parent == null) {
            inv.err(cannot + "missing dataset name");
            return 1;
        }
        String pool = ZfsNames.pool(name);
        if (!zfs.poolExists(pool)) {
            inv.err(cannot + "no such pool '" + pool + "'");
            return 1;
        }
        Optional<SimState.DatasetState> p = zfs.find(parent);
        if (p.isEmpty()) {
            inv.err(cannot + "parent does not exist");
            return 1;
        }
        if (zfs.find(name).isPresent()) {
            inv.err(cannot + "dataset already exists");
            return 1;
        }
        for (Map.Entry<String, String> e : props.entrySet()) {
            Optional<String> problem = ZfsPropInput.problem(e.getKey(), e.getValue());
            if (problem.isPresent()) {
                inv.err(cannot + problem.get());
                return 1;
            }
        }
        try {
            zfs.create(name, ZfsPropInput.canonical(props), mount);
        } catch (java.nio.file.FileSystemException e) {
            // zfs 2.2: a failed mount after a successful create is reported and exits 1 (freebsd-facts 1.5)
            inv.err("cannot mount '" + zfs.mountpoint(zfs.find(name).orElseThrow()).value()
                    + "': failed to create mountpoint: " + Errno.of(e));
            inv.err("filesystem successfully created, but not mounted");
            return 1;
        }
        return 0;
    }
}
