package dev.jailspec.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * jls(8), the libxo version of FreeBSD 14 (freebsd-facts 2.4): the default table
 * ({@code %6d  %-15.15s %-29.29s %.74s}), {@code -N}, {@code -v}, {@code -j jail},
 * parameter lists with {@code -h}/{@code -n}/{@code -q}, and {@code --libxo json}.
 */
final class JlsTool implements SimTool {
    static final String USAGE = "usage: jls [-dhNnqv] [-j jail] [param ...]";

    /** The jail parameters the simulation can report, with their exported values. */
    private static final Map<String, Function<SimState.JailState, String>> PARAMS = Map.ofEntries(
            Map.entry("jid", j -> Integer.toString(j.jid)),
            Map.entry("name", j -> j.name),
            Map.entry("path", j -> j.path),
            Map.entry("host.hostname", j -> j.hostname),
            Map.entry("vnet", j -> j.vnet ? "new" : "inherit"),
            Map.entry("ip4.addr", j -> String.join(",", j.ip4)),
            Map.entry("ip6.addr", j -> String.join(",", j.ip6)),
            Map.entry("persist", j -> j.persist ? "true" : "false"),
            Map.entry("dying", j -> "false"),
            Map.entry("enforce_statfs", j -> Integer.toString(j.enforceStatfs)),
            Map.entry("devfs_ruleset", j -> j.devfsRuleset == null ? "0" : j.devfsRuleset));

    @Override
    public String name() {
        return "jls";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/sbin/jls");
    }

    @Override
    public int run(Invocation inv) {
        List<String> args = new ArrayList<>();
        String libxo = null;
        for (int i = 0; i < inv.args().size(); i++) {
            String a = inv.args().get(i);
            if (a.equals("--libxo") && i + 1 < inv.args().size()) {
                libxo = inv.args().get(++i);
            } else if (a.startsWith("--libxo=") || a.startsWith("--libxo:")) {
                libxo = a.substring("--libxo=".length());
            } else {
                args.add(a);
            }
        }
        if (libxo != null && !libxo.equals("json")) {
            throw new SimUnsupportedException("jls --libxo " + libxo);
        }
        Getopt g;
        try {
            g = Getopt.parse(args, "adj:hNnqsv");
        } catch (Getopt.GetoptException e) {
            inv.err(e.bsdMessage("jls"));
            inv.err(USAGE);
            return 1;
        }
        if (g.has('s')) {
            throw new SimUnsupportedException("jls -s");
        }
        List<SimState.JailState> jails = new ArrayList<>(inv.state().jails);
        jails.sort(Comparator.comparingInt(j -> j.jid));
        if (g.has('j')) {
            String wanted = g.last('j');
            Optional<SimState.JailState> j = inv.state().jail(wanted);
            if (j.isEmpty()) {
                inv.err("jls: " + IfconfigTool.notFound(wanted));
                return 1;
            }
            jails = List.of(j.get());
        }
        List<String> params = g.operands();
        for (String p : params) {
            if (!PARAMS.containsKey(p)) {
                inv.err("jls: unknown parameter: " + p);
                return 1;
            }
        }
        boolean json = libxo != null;
        if (!params.isEmpty()) {
            return json ? paramsJson(inv, jails, params) : paramsText(inv, g, jails, params);
        }
        if (g.has('n')) {
            throw new SimUnsupportedException("jls -n without a parameter list");
        }
        if (g.has('v')) {
            return json ? verboseJson(inv, jails) : verbose(inv, jails);
        }
        return json ? tableJson(inv, jails) : table(inv, jails, g.has('N'));
    }

    private static String ipv4(SimState.JailState j) {
        return j.ip4.isEmpty() ? "" : j.ip4.get(0);
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static int table(Invocation inv, List<SimState.JailState> jails, boolean byName) {
        inv.out(byName ? " JID             IP Address      Hostname                      Path"
                : "   JID  IP Address      Hostname                      Path");
        for (SimState.JailState j : jails) {
            String first = byName ? String.format(" %-15s ", j.name) : String.format("%6d  ", j.jid);
            inv.out(first + String.format("%-15s %-29s %s", cut(ipv4(j), 15), cut(j.hostname, 29), cut(j.path, 74)));
        }
        return 0;
    }

    private static int verbose(Invocation inv, List<SimState.JailState> jails) {
        inv.out("   JID  Hostname                      Path");
        inv.out("        Name                          State");
        inv.out("        CPUSetID");
        inv.out("        IP Address(es)");
        for (SimState.JailState j : jails) {
            inv.out(String.format("%6d  %-29s %s", j.jid, cut(j.hostname, 29), cut(j.path, 74)));
            inv.out(String.format("        %-29s %s", cut(j.name, 29), "ACTIVE"));
            inv.out(String.format("        %d", cpuset(j)));
            for (String ip : j.ip4) {
                inv.out("        " + ip);
            }
            for (String ip : j.ip6) {
                inv.out("        " + ip);
            }
        }
        return 0;
    }

    /** Each jail gets its own cpuset; the transcript shows ids two above the jid. */
    private static int cpuset(SimState.JailState j) {
        return j.jid + 2;
    }

    private static int paramsText(Invocation inv, Getopt g, List<SimState.JailState> jails, List<String> params) {
        boolean quote = g.has('q');
        if (g.has('h')) {
            inv.out(String.join(" ", params));
        }
        for (SimState.JailState j : jails) {
            List<String> values = new ArrayList<>();
            for (String p : params) {
                String v = PARAMS.get(p).apply(j);
                if (g.has('n')) {
                    values.add(p.equals("persist") || p.equals("dying")
                            ? (v.equals("true") ? p : "no" + p)
                            : p + "=" + shown(v, quote));
                } else {
                    values.add(shown(v, quote));
                }
            }
            inv.out(String.join(" ", values));
        }
        return 0;
    }

    /** An empty value prints as {@code ""} (transcript jls-j/002); -q also quotes values with blanks. */
    private static String shown(String v, boolean quote) {
        if (v.isEmpty()) {
            return "\"\"";
        }
        if (quote && (v.contains(" ") || v.contains("\"") || v.contains("'"))) {
            return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return v;
    }

    private static int tableJson(Invocation inv, List<SimState.JailState> jails) {
        List<String> items = new ArrayList<>();
        for (SimState.JailState j : jails) {
            items.add("{\"jid\":" + j.jid + ",\"ipv4\":" + Json.string(ipv4(j)) + ",\"hostname\":" + Json.string(j.hostname)
                    + ",\"path\":" + Json.string(j.path) + "}");
        }
        inv.out(Json.jlsDocument(items));
        return 0;
    }

    private static int verboseJson(Invocation inv, List<SimState.JailState> jails) {
        List<String> items = new ArrayList<>();
        for (SimState.JailState j : jails) {
            items.add("{\"jid\":" + j.jid + ",\"hostname\":" + Json.string(j.hostname) + ",\"path\":" + Json.string(j.path)
                    + ",\"name\":" + Json.string(j.name) + ",\"state\":\"ACTIVE\",\"cpusetid\":" + cpuset(j)
                    + ",\"ipv4_addrs\":" + Json.array(j.ip4) + ",\"ipv6_addrs\":" + Json.array(j.ip6) + "}");
        }
        inv.out(Json.jlsDocument(items));
        return 0;
    }

    private static int paramsJson(Invocation inv, List<SimState.JailState> jails, List<String> params) {
        List<String> items = new ArrayList<>();
        for (SimState.JailState j : jails) {
            List<String> fields = new ArrayList<>();
            for (String p : params) {
                fields.add(Json.string(p) + ":" + Json.string(PARAMS.get(p).apply(j)));
            }
            items.add("{" + String.join(",", fields) + "}");
        }
        inv.out(Json.jlsDocument(items));
        return 0;
    }
}
