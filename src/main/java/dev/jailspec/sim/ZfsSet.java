package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code zfs set property=value ... dataset ...} and {@code zfs inherit [-r] property dataset ...}
 * (zfs_do_set, zfs_do_inherit; freebsd-facts 1.4). A new mount point moves the file system and
 * every descendant that inherits it.
 */
final class ZfsSet {
    private final Invocation inv;
    private final Zfs zfs;

    ZfsSet(Invocation inv, Zfs zfs) {
        this.inv = inv;
        this.zfs = zfs;
    }

    int set(List<String> args) throws IOException {
        Getopt g = ZfsTool.options(inv, "set", args, "u");
        if (g == null) {
            return ZfsUsage.EXIT;
        }
        if (g.has('u')) {
            throw new SimUnsupportedException("zfs set -u");
        }
        List<String> ops = g.operands();
        if (ops.isEmpty()) {
            inv.err("missing arguments");
            return ZfsUsage.fail(inv, "set");
        }
        if (ops.size() < 2) {
            inv.err(ops.get(0).contains("=") ? "missing dataset name(s)" : "missing property=value argument(s)");
            return ZfsUsage.fail(inv, "set");
        }
        int dsStart = -1;
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).contains("=")) {
                if (dsStart >= 0) {
                    inv.err("invalid argument order");
                    return ZfsUsage.fail(inv, "set");
                }
            } else if (dsStart < 0) {
                dsStart = i;
            }
        }
        if (dsStart < 0) {
            inv.err("missing dataset name(s)");
            return ZfsUsage.fail(inv, "set");
        }
        Optional<Map<String, String>> props = ZfsPropInput.parse(inv, ops.subList(0, dsStart));
        if (props.isEmpty()) {
            return 1;
        }
        int status = 0;
        for (String name : ops.subList(dsStart, ops.size())) {
            Optional<SimState.DatasetState> ds = zfs.find(name);
            if (ds.isEmpty()) {
                ZfsTool.cannotOpen(inv, name);
                status = 1;
                continue;
            }
            if (!apply(ds.get(), props.get())) {
                status = 1;
            }
        }
        return status;
    }

    private boolean apply(SimState.DatasetState ds, Map<String, String> props) throws IOException {
        String cannot = "cannot set property for '" + ds.name + "': ";
        for (Map.Entry<String, String> e : props.entrySet()) {
            Optional<String> problem = ZfsPropInput.problem(e.getKey(), e.getValue());
            if (problem.isPresent()) {
                inv.err(cannot + problem.get());
                return false;
            }
            if (ds.snapshot && !ZfsProps.isUserProp(e.getKey())) {
                inv.err(cannot + "this property can not be modified for snapshots");
                return false;
            }
        }
        for (Map.Entry<String, String> e : ZfsPropInput.canonical(props).entrySet()) {
            if (e.getKey().equals("mountpoint")) {
                if (!remount(ds, () -> ds.props.put("mountpoint", e.getValue()))) {
                    return false;
                }
            } else {
                ds.props.put(e.getKey(), e.getValue());
            }
        }
        return true;
    }

    int inherit(List<String> args) throws IOException {
        Getopt g = ZfsTool.options(inv, "inherit", args, "rS");
        if (g == null) {
            return ZfsUsage.EXIT;
        }
        if (g.has('S')) {
            throw new SimUnsupportedException("zfs inherit -S");
        }
        List<String> ops = g.operands();
        if (ops.isEmpty()) {
            inv.err("missing property argument");
            return ZfsUsage.fail(inv, "inherit");
        }
        if (ops.size() < 2) {
            inv.err("missing dataset argument");
            return ZfsUsage.fail(inv, "inherit");
        }
        String prop = ops.get(0);
        Optional<ZfsProps.Native> n = ZfsProps.nativeProp(prop);
        if (n.isPresent()) {
            if (n.get().readonly()) {
                inv.err(prop + " property is read-only");
                return 1;
            }
            if (!n.get().inheritable()) {
                inv.err("'" + prop + "' property cannot be inherited");
                return 1;
            }
        } else if (!ZfsProps.isUserProp(prop)) {
            ZfsProps.requireModelled(prop);
            inv.err("invalid property '" + prop + "'");
            return ZfsUsage.fail(inv, "inherit");
        }
        String key = n.map(ZfsProps.Native::name).orElse(prop);
        int status = 0;
        for (String name : ops.subList(1, ops.size())) {
            Optional<SimState.DatasetState> ds = zfs.find(name);
            if (ds.isEmpty()) {
                ZfsTool.cannotOpen(inv, name);
                status = 1;
                continue;
            }
            List<SimState.DatasetState> targets = g.has('r') ? zfs.tree(ds.get(), Integer.MAX_VALUE) : List.of(ds.get());
            for (SimState.DatasetState t : new ArrayList<>(targets)) {
                if (key.equals("mountpoint")) {
                    if (t.snapshot || !t.props.containsKey("mountpoint")) {
                        continue;
                    }
                    if (!remount(t, () -> t.props.remove("mountpoint"))) {
                        status = 1;
                    }
                } else {
                    t.props.remove(key);
                }
            }
        }
        return status;
    }

    private boolean remount(SimState.DatasetState ds, Runnable change) throws IOException {
        for (SimState.DatasetState d : zfs.tree(ds, Integer.MAX_VALUE)) {
            if (zfs.busy(d)) {
                inv.err("cannot unmount '" + d.mountedAt + "': pool or dataset is busy");
                return false;
            }
        }
        zfs.remount(ds, change);
        return true;
    }
}
