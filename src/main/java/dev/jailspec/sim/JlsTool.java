package dev.jailspec.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * jls(8), the libxo version (freebsd-facts 2.4; usr.sbin/jls/jls.c, main/print_jail/quoted_print/
 * special_print, read at freebsd-src 01021fdd [UNVERIFIED: not compared line by line with
 * releng/14.3]): the default table ({@code %6d  %-15.15s %-29.29s %.74s}), {@code -N}, {@code -v},
 * {@code -j jail}, {@code -d}, parameter lists with {@code -h}/{@code -n}/{@code -q}, and
 * {@code --libxo json}. Headers are printed before the jail is looked up, so {@code jls -h -j
 * missing name} prints its header line and then fails. Dying jails (see {@link DyingJails}) are
 * listed only with {@code -d} ({@code -a} is the same), as jls.c sets {@code JAIL_DYING} for both.
 */
final class JlsTool implements SimTool {
    static final String USAGE = "usage: jls [-dhNnqv] [-j jail] [param ...]";

    /** Parameters whose value is a list of addresses: empty, they have no bytes (jp_valuelen 0). */
    private static final Set<String> ADDRESS_LISTS = Set.of("ip4.addr", "ip6.addr");

    /** The jail parameters the simulation can report, with their exported values (libjail jailparam_export). */
    private static final Map<String, Function<SimState.JailState, String>> PARAMS = Map.ofEntries(
            Map.entry("jid", j -> Integer.toString(j.jid)),
            Map.entry("name", j -> j.name),
            Map.entry("path", j -> j.path),
            Map.entry("host.hostname", j -> j.hostname),
            Map.entry("vnet", j -> j.vnet ? "new" : "inherit"),
            Map.entry("ip4.addr", j -> String.join(",", j.ip4)),
            Map.entry("ip6.addr", j -> String.join(",", j.ip6)),
            Map.entry("persist", j -> j.persist ? "true" : "false"),
            Map.entry("dying", j -> j.dying() ? "true" : "false"),
            Map.entry("enforce_statfs", j -> Integer.toString(j.enforceStatfs)),
            Map.entry("devfs_ruleset", j -> j.devfsRuleset == null ? "0" : j.devfsRuleset),
            // linux_mib.c linux_prison_get(): a jail with its own copy (every jail the sim creates, see
            // LinuxAbi) reports linux=new and its values; these exist only while linux.ko is loaded.
            Map.entry("linux", j -> "new"),
            Map.entry("linux.osname", j -> LinuxAbi.OSNAME),
            Map.entry("linux.osrelease", j -> j.linuxOsrelease == null ? "" : j.linuxOsrelease),
            Map.entry("linux.oss_version", j -> Integer.toString(LinuxAbi.OSS_VERSION)));

    /** SYSCTL_JAIL_PARAM_SYS_NODE(linux, ...) is linux.ko's: without it jailparam_init does not know them. */
    private static boolean known(Invocation inv, String param) {
        return PARAMS.containsKey(param) && (!param.equals("linux") && !param.startsWith("linux.") || Kld.linuxCompat(inv.state()));
    }

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
        List<String> params = g.operands();
        for (String p : params) {
            if (!known(inv, p)) {
                inv.err("jls: unknown parameter: " + p);
                return 1;
            }
        }
        if (params.isEmpty() && (g.has('n') || g.has('h'))) {
            throw new SimUnsupportedException("jls -" + (g.has('n') ? 'n' : 'h') + " without a parameter list (all parameters)");
        }
        boolean json = libxo != null;
        Mode mode = !params.isEmpty() ? Mode.PARAMS : g.has('v') ? Mode.VERBOSE : Mode.TABLE;
        if (!json) {
            header(inv, g, mode, params);
        }
        boolean withDying = g.has('d') || g.has('a');
        List<SimState.JailState> jails;
        if (g.has('j')) {
            String wanted = g.last('j');
            Optional<SimState.JailState> j = inv.state().jail(wanted)
                    .or(() -> withDying ? inv.state().dyingJail(wanted) : Optional.empty());
            if (j.isEmpty()) {
                inv.err("jls: " + DyingJails.lookupError(inv.state(), wanted)); // xo_errx(1, "%s", jail_errmsg)
                return 1;
            }
            jails = List.of(j.get());
        } else {
            jails = inv.state().jails.stream().filter(j -> withDying || !j.dying())
                    .sorted(Comparator.comparingInt(j -> j.jid)).toList();
        }
        return switch (mode) {
            case PARAMS -> json ? paramsJson(inv, jails, params) : paramsText(inv, g, jails, params);
            case VERBOSE -> json ? verboseJson(inv, jails) : verbose(inv, jails);
            case TABLE -> json ? tableJson(inv, jails) : table(inv, jails, g.has('N'));
        };
    }

    private enum Mode { TABLE, VERBOSE, PARAMS }

    /** jls.c main(): the header lines come before any jail is fetched. */
    private static void header(Invocation inv, Getopt g, Mode mode, List<String> params) {
        switch (mode) {
            case VERBOSE -> {
                inv.out("   JID  Hostname                      Path");
                inv.out("        Name                          State");
                inv.out("        CPUSetID");
                inv.out("        IP Address(es)");
            }
            case TABLE -> inv.out(g.has('N') ? " JID             IP Address      Hostname                      Path"
                    : "   JID  IP Address      Hostname                      Path");
            case PARAMS -> {
                if (g.has('h')) {
                    inv.out(String.join(" ", params));
                }
            }
        }
    }

    private static String ipv4(SimState.JailState j) {
        return j.ip4.isEmpty() ? "" : j.ip4.get(0);
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static int table(Invocation inv, List<SimState.JailState> jails, boolean byName) {
        for (SimState.JailState j : jails) {
            String first = byName ? String.format(" %-15s ", j.name) : String.format("%6d  ", j.jid);
            inv.out(first + String.format("%-15s %-29s %s", cut(ipv4(j), 15), cut(j.hostname, 29), cut(j.path, 74)));
        }
        return 0;
    }

    private static int verbose(Invocation inv, List<SimState.JailState> jails) {
        for (SimState.JailState j : jails) {
            inv.out(String.format("%6d  %-29s %s", j.jid, cut(j.hostname, 29), cut(j.path, 74)));
            inv.out(String.format("        %-29s %s", cut(j.name, 29), state(j)));
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

    /** print_jail(): {@code *(int *)params[4].jp_value ? "DYING" : "ACTIVE"}, the kernel's dying parameter. */
    private static String state(SimState.JailState j) {
        return j.dying() ? "DYING" : "ACTIVE";
    }

    /** Each jail gets its own cpuset; the transcript shows ids two above the jid. */
    private static int cpuset(SimState.JailState j) {
        return j.jid + 2;
    }

    private static int paramsText(Invocation inv, Getopt g, List<SimState.JailState> jails, List<String> params) {
        boolean quote = g.has('q');
        boolean nameval = g.has('n');
        for (SimState.JailState j : jails) {
            List<String> values = new ArrayList<>();
            for (String p : params) {
                String v = PARAMS.get(p).apply(j);
                if (nameval && (p.equals("persist") || p.equals("dying"))) {
                    values.add(v.equals("true") ? p : "no" + p);
                } else {
                    values.add((nameval ? p + "=" : "") + shown(p, v, quote, nameval));
                }
            }
            inv.out(String.join(" ", values));
        }
        return 0;
    }

    /**
     * One value as print_jail() prints it. special_print(): an empty address list (no bytes)
     * prints {@code ""} with -q, {@code -} without, and nothing after {@code name=} with -n.
     * quoted_print(): an empty string prints {@code ""} (transcript jls-j/002, without -q);
     * a value with a single quote is put in double quotes, one with a double quote in single
     * quotes, one with a space or a tab in double quotes, and only with -q; nothing is escaped.
     */
    static String shown(String param, String v, boolean quote, boolean nameval) {
        if (v.isEmpty() && ADDRESS_LISTS.contains(param)) {
            return quote ? "\"\"" : nameval ? "" : "-";
        }
        if (v.isEmpty()) {
            return "\"\"";
        }
        char qc = v.indexOf('\'') >= 0 ? '"'
                : v.indexOf('"') >= 0 ? '\''
                : v.indexOf(' ') >= 0 || v.indexOf('\t') >= 0 ? '"'
                : 0;
        return quote && qc != 0 ? qc + v + qc : v;
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
                    + ",\"name\":" + Json.string(j.name) + ",\"state\":" + Json.string(state(j)) + ",\"cpusetid\":" + cpuset(j)
                    + ",\"ipv4_addrs\":" + Json.array(j.ip4) + ",\"ipv6_addrs\":" + Json.array(j.ip6) + "}");
        }
        inv.out(Json.jlsDocument(items));
        return 0;
    }

    /**
     * special_print(): in JSON an address parameter is a list (emit_ip_addr_list); every other
     * value is a string ({@code {:name/%s}}). [UNVERIFIED: the exact libxo shape of
     * {@code {ql:ipv4_addr}} inside the list; freebsd-facts 8, item 9.]
     */
    private static int paramsJson(Invocation inv, List<SimState.JailState> jails, List<String> params) {
        List<String> items = new ArrayList<>();
        for (SimState.JailState j : jails) {
            List<String> fields = new ArrayList<>();
            for (String p : params) {
                String value = ADDRESS_LISTS.contains(p) ? Json.array(p.equals("ip4.addr") ? j.ip4 : j.ip6)
                        : Json.string(PARAMS.get(p).apply(j));
                fields.add(Json.string(p) + ":" + value);
            }
            items.add("{" + String.join(",", fields) + "}");
        }
        inv.out(Json.jlsDocument(items));
        return 0;
    }
}
