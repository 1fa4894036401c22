package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code zfs get [-rHp] [-d max] [-o field[,...]] all|property[,...] [dataset...]}
 * (freebsd-facts 1.4): one line per dataset and property with NAME PROPERTY VALUE SOURCE;
 * widths as zprop_print_headers() computes them.
 */
final class ZfsGet {
    private static final List<String> FIELDS = List.of("name", "property", "value", "source");

    private final Invocation inv;
    private final Zfs zfs;

    ZfsGet(Invocation inv, Zfs zfs) {
        this.inv = inv;
        this.zfs = zfs;
    }

    private record Line(String name, String property, String value, String source, int propertyWidth, boolean widen) {
    }

    int run(List<String> args) throws IOException {
        Getopt g = ZfsTool.options(inv, "get", args, ":d:o:s:rt:Hp");
        if (g == null) {
            return ZfsUsage.EXIT;
        }
        if (g.has('s') || g.has('t')) {
            throw new SimUnsupportedException("zfs get -" + (g.has('s') ? 's' : 't'));
        }
        boolean parsable = g.has('p');
        int depth = g.has('r') ? Integer.MAX_VALUE : 0;
        for (String d : g.all('d')) {
            java.util.OptionalInt limit = ZfsTool.depth(inv, "get", d);
            if (limit.isEmpty()) {
                return ZfsUsage.EXIT;
            }
            depth = limit.getAsInt();
        }
        List<String> fields = FIELDS;
        if (g.has('o')) {
            fields = new ArrayList<>();
            for (String f : g.last('o').split(",")) {
                if (f.equals("all")) {
                    fields.addAll(FIELDS);
                } else if (f.equals("received")) {
                    throw new SimUnsupportedException("zfs get -o received");
                } else if (FIELDS.contains(f)) {
                    fields.add(f);
                } else {
                    inv.err("invalid column name '" + f + "'");
                    return ZfsUsage.fail(inv, "get");
                }
            }
        }
        if (g.operands().isEmpty()) {
            inv.err("missing property argument");
            return ZfsUsage.fail(inv, "get");
        }
        boolean all = g.operands().get(0).equals("all");
        List<String> props = new ArrayList<>();
        if (!all) {
            for (String p : g.operands().get(0).split(",")) {
                if (ZfsProps.isUserProp(p)) {
                    props.add(p);
                    continue;
                }
                Optional<ZfsProps.Native> n = ZfsProps.nativeProp(p);
                if (n.isEmpty()) {
                    ZfsProps.requireModelled(p);
                    inv.err("bad property list: invalid property '" + p + "'");
                    return ZfsUsage.fail(inv, "get");
                }
                props.add(n.get().name());
            }
        }

        int status = 0;
        List<SimState.DatasetState> selected = new ArrayList<>();
        List<String> names = g.operands().subList(1, g.operands().size());
        if (names.isEmpty()) {
            for (SimState.DatasetState pool : zfs.pools()) {
                selected.addAll(zfs.tree(pool, Integer.MAX_VALUE));
            }
        } else {
            for (String name : names) {
                Optional<SimState.DatasetState> ds = zfs.find(name);
                if (ds.isEmpty()) {
                    ZfsTool.cannotOpen(inv, name);
                    status = 1;
                    continue;
                }
                selected.addAll(zfs.tree(ds.get(), depth));
            }
        }

        List<Line> lines = new ArrayList<>();
        for (SimState.DatasetState ds : new LinkedHashSet<>(selected)) {
            for (String p : all ? allProps(ds) : props) {
                lines.add(line(ds, p, parsable, all));
            }
        }
        lines.removeIf(l -> l == null);
        if (lines.isEmpty()) {
            return status;
        }
        inv.out().out(render(lines, fields, g.has('H')));
        return status;
    }

    private List<String> allProps(SimState.DatasetState ds) {
        List<String> out = new ArrayList<>();
        for (String p : ZfsProps.ALL_ORDER) {
            boolean inapplicable = (p.equals("origin") && ds.origin == null)
                    || (ds.snapshot && (p.equals("available") || p.equals("mountpoint") || p.equals("mounted")));
            if (!inapplicable) {
                out.add(p);
            }
        }
        out.addAll(zfs.userPropertyNames(ds));
        return out;
    }

    private Line line(SimState.DatasetState ds, String prop, boolean parsable, boolean all) throws IOException {
        if (ZfsProps.isUserProp(prop)) {
            // cmd/zfs/zfs_main.c get_callback at zfs-2.2.7: a user property the dataset neither has nor inherits
            // is "-" with source ZPROP_SRC_NONE ("-"); one whose ZPROP_SOURCE is the dataset's own name is local,
            // any other name "inherited from" it.
            Optional<Zfs.Value> v = zfs.userProperty(ds, prop);
            return new Line(ds.name, prop, v.map(Zfs.Value::value).orElse("-"), v.map(Zfs.Value::source).orElse("-"),
                    prop.length(), true);
        }
        ZfsProps.Native n = ZfsProps.nativeProp(prop).orElseThrow();
        Zfs.Value v = ZfsProps.value(zfs, ds, prop, parsable);
        return new Line(ds.name, prop, v.value(), v.source(), n.minWidth(), !n.fixedWidth() || parsable);
    }

    private static String render(List<Line> lines, List<String> fields, boolean scripted) {
        int nameWidth = 4;
        int propWidth = 8;
        int valueWidth = 5;
        for (Line l : lines) {
            nameWidth = Math.max(nameWidth, l.name().length());
            propWidth = Math.max(propWidth, l.property().length());
            valueWidth = Math.max(valueWidth, l.propertyWidth());
            if (l.widen()) {
                valueWidth = Math.max(valueWidth, l.value().length());
            }
        }
        List<String> headers = new ArrayList<>();
        List<Boolean> right = new ArrayList<>();
        int[] widths = new int[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            headers.add(fields.get(i).toUpperCase(java.util.Locale.ROOT));
            right.add(false);
            widths[i] = switch (fields.get(i)) {
                case "name" -> nameWidth;
                case "property" -> propWidth;
                case "value" -> valueWidth;
                default -> nameWidth + "inherited from".length();
            };
        }
        ZfsTable table = new ZfsTable(headers, right, widths);
        boolean[] noWiden = new boolean[fields.size()];
        for (Line l : lines) {
            List<String> row = new ArrayList<>();
            for (String f : fields) {
                row.add(switch (f) {
                    case "name" -> l.name();
                    case "property" -> l.property();
                    case "value" -> l.value();
                    default -> l.source();
                });
            }
            table.add(row, noWiden);
        }
        return table.render(scripted);
    }
}
