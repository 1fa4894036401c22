package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The kernel's devfs rulesets and what a devfs mount shows with them.
 *
 * <p>Sources: sys/fs/devfs/devfs_vfsops.c devfs_mount() (a mount takes {@code ruleset=N}, 0-65535;
 * 0, the default, applies no rules) and devfs_rule.c devfs_ruleset_use() (a number that has no
 * rules yet gets an empty ruleset: the mount shows everything), both read in 14-era copies of
 * freebsd-src [UNVERIFIED: not diffed against releng/14.3]; sbin/devfs/rule.c rulespec_intok()
 * and rulespec_outfp() for what a rule may say and how {@code show} prints it (read at freebsd-src
 * 039ea811, 2012). Rules apply in order, the last match wins; a path pattern is fnmatch(3)ed
 * with FNM_PATHNAME against the node's path below the mount point.
 */
final class DevfsRulesets {
    /**
     * Top-level nodes of the simulated host's /dev: a representative amd64 host with a SATA, an
     * NVMe and a SCSI disk [UNVERIFIED: a plausible set, not a transcript of ls /dev].
     * Directories are listed with a trailing slash.
     */
    static final List<String> HOST_NODES = List.of("acpi", "ada0", "ada0p1", "ada0p2", "ada0p3", "audit", "bpf",
            "bpf0", "console", "consolectl", "crypto", "ctty", "da0", "devctl", "devctl2", "devstat", "fd/", "fido",
            "fuse", "geom.ctl", "io", "klog", "kmem", "mdctl", "mem", "nda0", "nda0p1", "netdump", "null", "pci", "pf",
            "ptmx", "pts/", "random", "stderr", "stdin", "stdout", "sysmouse", "ttyu0", "ttyv0", "ttyv1", "ufssuspend",
            "urandom", "usb/", "xpt0", "zero", "zfs");

    /** /etc/defaults/devfs.rules as sbin/devfs/devfs.rules has it (freebsd-src 1b1334b1), comments shortened. */
    static final String DEFAULTS_FILE = """
            #
            # The following are some default rules for devfs(5) mounts.
            #
            [devfsrules_hide_all=1]
            add hide

            [devfsrules_unhide_basic=2]
            add path null unhide
            add path zero unhide
            add path crypto unhide
            add path random unhide
            add path urandom unhide

            [devfsrules_unhide_login=3]
            add path 'ptyp*' unhide
            add path 'ptyq*' unhide
            add path 'ptyr*' unhide
            add path 'ptys*' unhide
            add path 'ptyP*' unhide
            add path 'ptyQ*' unhide
            add path 'ptyR*' unhide
            add path 'ptyS*' unhide
            add path 'ptyl*' unhide
            add path 'ptym*' unhide
            add path 'ptyn*' unhide
            add path 'ptyo*' unhide
            add path 'ptyL*' unhide
            add path 'ptyM*' unhide
            add path 'ptyN*' unhide
            add path 'ptyO*' unhide
            add path 'ttyp*' unhide
            add path 'ttyq*' unhide
            add path 'ttyr*' unhide
            add path 'ttys*' unhide
            add path 'ttyP*' unhide
            add path 'ttyQ*' unhide
            add path 'ttyR*' unhide
            add path 'ttyS*' unhide
            add path 'ttyl*' unhide
            add path 'ttym*' unhide
            add path 'ttyn*' unhide
            add path 'ttyo*' unhide
            add path 'ttyL*' unhide
            add path 'ttyM*' unhide
            add path 'ttyN*' unhide
            add path 'ttyO*' unhide
            add path ptmx unhide
            add path pts unhide
            add path 'pts/*' unhide
            add path fd unhide
            add path 'fd/*' unhide
            add path stdin unhide
            add path stdout unhide
            add path stderr unhide

            # Devices usually found in a jail.
            #
            [devfsrules_jail=4]
            add include $devfsrules_hide_all
            add include $devfsrules_unhide_basic
            add include $devfsrules_unhide_login
            add path fuse unhide
            add path zfs unhide

            [devfsrules_jail_vnet=5]
            add include $devfsrules_hide_all
            add include $devfsrules_unhide_basic
            add include $devfsrules_unhide_login
            add include $devfsrules_jail
            add path pf unhide
            """;

    private DevfsRulesets() {
    }

    /** The loaded rulesets; on first use, those rc.d/devfs loaded at boot from the files. */
    static Map<String, List<String>> table(SimMachine machine) throws IOException {
        SimState state = machine.state();
        if (state.devfsRulesets == null) {
            state.devfsRulesets = new TreeMap<>();
            DevfsRcScript.initRulesets(machine, new Output());
        }
        return state.devfsRulesets;
    }

    /** devfs_mount(): the {@code ruleset=} option as vfs_scanopt("%d") reads it, if it is valid. */
    static Optional<Integer> parseRulesetOption(String value) {
        var m = Pattern.compile("^\\s*([+-]?\\d+)").matcher(value);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(m.group(1));
            return n < 0 || n > 65535 ? Optional.empty() : Optional.of(n);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The nodes a devfs mount with {@code ruleset} shows at its top level, sorted; directories end in "/". */
    static List<String> visible(SimMachine machine, int ruleset) throws IOException {
        List<String> nodes = new ArrayList<>(HOST_NODES);
        if (Kld.linuxCompat(machine.state())) {
            nodes.add("shm/"); // linux_common.c MOD_LOAD -> linux_dev_shm_create() (freebsd-facts 3.2)
        }
        TreeSet<String> shown = new TreeSet<>();
        for (String node : nodes) {
            String name = node.endsWith("/") ? node.substring(0, node.length() - 1) : node;
            if (ruleset == 0 || !hidden(table(machine), Integer.toString(ruleset), name, 0)) {
                shown.add(node);
            }
        }
        return List.copyOf(shown);
    }

    /** Whether the rules of {@code set} leave {@code path} hidden; null-safe for unknown sets (no rules). */
    private static boolean hidden(Map<String, List<String>> table, String set, String path, int depth) {
        Boolean state = decide(table, set, path, depth);
        return state != null && state;
    }

    /** The last hide/unhide of {@code set} (and what it includes) that matches {@code path}, or null. */
    private static Boolean decide(Map<String, List<String>> table, String set, String path, int depth) {
        if (depth > 16) {
            throw new SimUnsupportedException("devfs rulesets that include each other more than 16 deep");
        }
        Boolean result = null;
        for (String rule : table.getOrDefault(set, List.of())) {
            List<String> w = List.of(rule.split(" "));
            int i = 0;
            if (i < w.size() && w.get(i).matches("\\d+")) {
                i++;
            }
            String pattern = null;
            if (i + 1 < w.size() && w.get(i).equals("path")) {
                pattern = w.get(i + 1);
                i += 2;
            }
            if (pattern != null && !fnmatch(pattern, path)) {
                continue;
            }
            for (; i < w.size(); i++) {
                switch (w.get(i)) {
                    case "hide" -> result = true;
                    case "unhide" -> result = false;
                    case "include" -> {
                        Boolean inner = decide(table, w.get(++i), path, depth + 1);
                        result = inner != null ? inner : result;
                    }
                    case "user", "group", "mode" -> i++;
                    default -> throw new IllegalStateException("devfs rule stored unchecked: " + rule);
                }
            }
        }
        return result;
    }

    /** fnmatch(3) with FNM_PATHNAME: {@code *} and {@code ?} do not match "/", brackets are classes. */
    static boolean fnmatch(String pattern, String path) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = pattern.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String cls = pattern.substring(i + 1, end);
                        re.append('[').append(cls.startsWith("!") ? "^" + cls.substring(1) : cls).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return path.matches(re.toString());
    }
}
