package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code zfs list [-Hp] [-r|-d max] [-o property[,...]] [-t type[,...]] [dataset...]}
 * (freebsd-facts 1.3): default columns NAME USED AVAIL REFER MOUNTPOINT; each file system is
 * followed by its snapshots (oldest first), then its children; snapshots only with {@code -t}
 * or when named.
 */
final class ZfsList {
    private static final List<String> DEFAULT_COLUMNS = List.of("name", "used", "available", "referenced", "mountpoint");

    private final Invocation inv;
    private final Zfs zfs;

    ZfsList(Invocation inv, Zfs zfs) {
        this.inv = inv;
        this.zfs = zfs;
    }

    int run(List<String> args) throws IOException {
        Getopt g = ZfsTool.options(inv, "list", args, "HS:d:o:prs:t:");
        if (g == null) {
            return ZfsUsage.EXIT;
        }
        if (g.has('s') || g.has('S')) {
            throw new SimUnsupportedException("zfs list -s/-S");
        }
        boolean parsable = g.has('p');
        int depth = g.has('r') ? Integer.MAX_VALUE : 0;
        for (String d : g.all('d')) {
            java.util.OptionalInt limit = ZfsTool.depth(inv, "list", d);
            if (limit.isEmpty()) {
                return ZfsUsage.EXIT;
            }
            depth = limit.getAsInt();
        }
        Set<String> types = new LinkedHashSet<>(List.of("filesystem"));
        boolean typesGiven = g.has('t');
        if (typesGiven) {
            types.clear();
            for (String t : g.last('t').split(",")) {
                switch (t) {
                    case "filesystem", "fs" -> types.add("filesystem");
                    case "snapshot", "snap" -> types.add("snapshot");
                    case "volume", "vol" -> types.add("volume");
                    case "bookmark" -> types.add("bookmark");
                    case "all" -> types.addAll(List.of("filesystem", "snapshot", "volume", "bookmark"));
                    default -> {
                        inv.err("invalid type '" + t + "'");
                        return ZfsUsage.fail(inv, "list");
                    }
                }
            }
        }
        List<String> columns = DEFAULT_COLUMNS;
        if (g.has('o')) {
            Optional<List<String>> parsed = parseColumns(g.last('o'));
            if (parsed.isEmpty()) {
                return ZfsUsage.fail(inv, "list");
            }
            columns = parsed.get();
        }

        List<SimState.DatasetState> selected = new ArrayList<>();
        int status = 0;
        if (g.operands().isEmpty()) {
            for (SimState.DatasetState pool : zfs.pools()) {
                selected.addAll(zfs.tree(pool, g.has('d') || g.has('r') ? depth : Integer.MAX_VALUE));
            }
        } else {
            for (String name : g.operands()) {
                Optional<SimState.DatasetState> ds = name.startsWith("/") ? byPath(name) : zfs.find(name);
                if (ds.isEmpty()) {
                    ZfsTool.cannotOpen(inv, name);
                    status = 1;
                    continue;
                }
                if (ds.get().snapshot && !typesGiven) {
                    types.add("snapshot");
                }
                selected.addAll(zfs.tree(ds.get(), depth));
            }
        }
        ZfsTable table = table(columns, parsable);
        for (SimState.DatasetState ds : new LinkedHashSet<>(selected)) {
            if (types.contains(ds.snapshot ? "snapshot" : "filesystem")) {
                addRow(table, columns, ds, parsable);
            }
        }
        if (table.isEmpty()) {
            if (status == 0) {
                inv.err("no datasets available");
            }
            return status;
        }
        inv.out().out(table.render(g.has('H')));
        return status;
    }

    /** A path names the file system mounted at it (ZFS_ITER_ARGS_CAN_BE_PATHS). */
    private Optional<SimState.DatasetState> byPath(String path) {
        String p = ZfsPropInput.normalizeMountpoint(path);
        return inv.state().datasets.values().stream().filter(d -> p.equals(d.mountedAt)).findFirst();
    }

    /** zprop_get_list(): every name must be a property; "bad property list" otherwise. */
    private Optional<List<String>> parseColumns(String list) {
        List<String> out = new ArrayList<>();
        for (String c : list.split(",")) {
            if (ZfsProps.isUserProp(c)) {
                out.add(c);
                continue;
            }
            Optional<ZfsProps.Native> p = ZfsProps.nativeProp(c);
            if (p.isEmpty()) {
                ZfsProps.requireModelled(c);
                inv.err("bad property list: invalid property '" + c + "'");
                return Optional.empty();
            }
            out.add(p.get().name());
        }
        return Optional.of(out);
    }

    private static ZfsTable table(List<String> columns, boolean parsable) {
        List<String> headers = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        int[] min = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            Optional<ZfsProps.Native> p = ZfsProps.nativeProp(c);
            if (p.isPresent()) {
                headers.add(p.get().column());
                right.add(p.get().number());
                min[i] = p.get().minWidth();
            } else {
                headers.add(c.toUpperCase(Locale.ROOT));
                right.add(false);
                min[i] = c.length();
            }
        }
        return new ZfsTable(headers, right, min);
    }

    private void addRow(ZfsTable table, List<String> columns, SimState.DatasetState ds, boolean parsable) throws IOException {
        List<String> row = new ArrayList<>();
        boolean[] widen = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            Optional<ZfsProps.Native> p = ZfsProps.nativeProp(c);
            if (p.isPresent()) {
                row.add(ZfsProps.value(zfs, ds, c, parsable).value());
                widen[i] = !p.get().fixedWidth() || parsable;
            } else {
                row.add(zfs.userProperty(ds, c).map(Zfs.Value::value).orElse("-"));
                widen[i] = true;
            }
        }
        table.add(row, widen);
    }
}
