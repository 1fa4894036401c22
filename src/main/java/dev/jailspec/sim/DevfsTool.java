package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * devfs(8) rulesets: {@code devfs rule [-s N] add|delset|show|showsets}. Texts from
 * sbin/devfs/devfs.c and rule.c (freebsd-src 039ea811, 2012 [UNVERIFIED: not diffed against
 * releng/14.3]): errx() with the program name "devfs rule", usage
 * {@code usage: devfs rule|ruleset arguments}, exit 1. Rules the kernel numbers itself get
 * 100, 200, ... [UNVERIFIED: devfs_rule.c autonumbering not read].
 */
final class DevfsTool implements SimTool {
    private static final String USAGE = "usage: devfs rule|ruleset arguments";
    private static final Set<String> TYPES = Set.of("disk", "mem", "tape", "tty");

    @Override
    public String name() {
        return "devfs";
    }

    @Override
    public List<String> paths() {
        return List.of("/sbin/devfs");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        List<String> a = inv.args();
        if (a.isEmpty()) {
            inv.err(USAGE);
            return 1;
        }
        if (!a.get(0).equals("rule")) {
            throw new SimUnsupportedException("devfs " + String.join(" ", a));
        }
        int i = 1;
        String set = "0";
        if (i < a.size() && a.get(i).equals("-s")) {
            if (i + 1 >= a.size()) {
                inv.err(USAGE);
                return 1;
            }
            Integer n = number(a.get(i + 1));
            if (n == null) {
                inv.err("devfs rule: error converting to number: " + a.get(i + 1));
                return 1;
            }
            set = n.toString();
            i += 2;
        }
        if (i >= a.size()) {
            inv.err(USAGE);
            return 1;
        }
        return rule(inv.machine(), set, a.get(i), a.subList(i + 1, a.size()), inv.out());
    }

    /** {@code devfs rule -s SET COMMAND ARGS}, also what rc.subr runs for /etc/devfs.rules. */
    static int rule(SimMachine machine, String set, String command, List<String> args, Output out) throws IOException {
        Map<String, List<String>> table = DevfsRulesets.table(machine);
        switch (command) {
            case "add" -> {
                if (args.isEmpty()) {
                    out.errln(USAGE);
                    return 1;
                }
                String problem = problem(args);
                if (problem != null) {
                    out.errln("devfs rule: " + problem);
                    return 1;
                }
                List<String> rules = table.computeIfAbsent(set, k -> new ArrayList<>());
                List<String> words = new ArrayList<>(args);
                if (number(words.get(0)) == null) {
                    words.add(0, Integer.toString((rules.size() + 1) * 100));
                }
                rules.add(String.join(" ", words));
                return 0;
            }
            case "delset" -> {
                table.remove(set);
                return 0;
            }
            case "show" -> {
                table.getOrDefault(set, List.of()).forEach(out::outln);
                return 0;
            }
            case "showsets" -> {
                table.keySet().stream().filter(k -> !table.get(k).isEmpty()).map(Integer::parseInt).sorted()
                        .forEach(n -> out.outln(n.toString()));
                return 0;
            }
            case "apply", "applyset", "del" -> throw new SimUnsupportedException("devfs rule " + command);
            default -> {
                out.errln("devfs rule: unknown command: " + command);
                return 1;
            }
        }
    }

    /** rulespec_intok(): the errx() text for a rule devfs(8) refuses, or null. */
    private static String problem(List<String> w) {
        int i = number(w.get(0)) != null ? 1 : 0;
        while (i < w.size() && (w.get(i).equals("type") || w.get(i).equals("path"))) {
            if (i + 1 >= w.size()) {
                return "expecting argument for " + w.get(i);
            }
            if (w.get(i).equals("type")) {
                if (!TYPES.contains(w.get(i + 1))) {
                    return "unknown type: " + w.get(i + 1);
                }
                throw new SimUnsupportedException("devfs rules with a device type condition");
            }
            i += 2;
        }
        for (; i < w.size(); i++) {
            switch (w.get(i)) {
                case "hide", "unhide" -> {
                }
                case "user", "group", "mode", "include" -> {
                    if (i + 1 >= w.size()) {
                        return "expecting argument for " + w.get(i);
                    }
                    if (w.get(i).equals("include") && number(w.get(i + 1)) == null) {
                        return "error converting to number: " + w.get(i + 1);
                    }
                    i++;
                }
                default -> {
                    return "unknown argument: " + w.get(i);
                }
            }
        }
        return null;
    }

    /** atonum(): a 16-bit unsigned decimal, the whole word. */
    private static Integer number(String s) {
        if (!s.matches("\\d{1,5}")) {
            return null;
        }
        int n = Integer.parseInt(s);
        return n > 65535 ? null : n;
    }
}
