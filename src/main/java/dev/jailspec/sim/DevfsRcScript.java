package dev.jailspec.sim;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * /etc/rc.d/devfs, run by service(8) (libexec/rc/rc.d/devfs at freebsd-src 1b1334b1): stop is
 * {@code ":"}; start loads the rulesets when devfs_system_ruleset or devfs_set_rulesets is set or
 * devfs_load_rulesets is YES (the default), then reads /etc/devfs.conf. Loading is rc.subr's
 * devfs_init_rulesets() / devfs_rulesets_from_file() (libexec/rc/rc.subr at 02274513): for each
 * file of devfs_rulesets, {@code [name=N]} runs {@code devfs rule -s N delset} and defines
 * {@code $name}, every other line that does not start with {@code #} loses its {@code #...} tail
 * and runs as {@code eval /sbin/devfs rule -s N LINE}; the first failure warns and stops that file.
 * The script's exit status is read_devfs_conf's, so a failed ruleset still exits 0 [UNVERIFIED: inferred from
 * the script: devfs_start ignores devfs_init_rulesets' status].
 */
final class DevfsRcScript {
    static final String SCRIPT = "/etc/rc.d/devfs";
    private static final String FROM_FILE = "devfs_rulesets_from_file";
    /** {@code expr "$line" : "\[.*=\([0-9]*\)\]"} and {@code "\[\(.*\)=[0-9]*\]"} (expr anchors at the start). */
    private static final Pattern SET_LINE = Pattern.compile("^\\[(.*)=([0-9]*)\\]");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    private DevfsRcScript() {
    }

    static int run(Invocation inv, String verb) throws IOException {
        return switch (verb) {
            case "start", "onestart", "restart", "onerestart", "forcestart", "forcerestart" -> start(inv);
            case "stop", "onestop", "faststop", "forcestop" -> 0;
            default -> throw new SimUnsupportedException("service devfs " + verb);
        };
    }

    private static int start(Invocation inv) throws IOException {
        Map<String, String> rc = RcConf.effective(inv.machine().hostFs());
        if (!rc.getOrDefault("devfs_system_ruleset", "").isEmpty() || !rc.getOrDefault("devfs_set_rulesets", "").isEmpty()) {
            throw new SimUnsupportedException("devfs_system_ruleset / devfs_set_rulesets in rc.conf");
        }
        if (RcConf.checkyesno(rc.getOrDefault("devfs_load_rulesets", "NO"))) {
            DevfsRulesets.table(inv.machine());
            initRulesets(inv.machine(), inv.out());
        }
        if (inv.machine().hostFs().isRegularFile("/etc/devfs.conf") && inv.machine().hostFs().readText("/etc/devfs.conf")
                .lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"))) {
            throw new SimUnsupportedException("the links, owners and modes of /etc/devfs.conf");
        }
        return 0;
    }

    /** devfs_init_rulesets(): every file of devfs_rulesets, in order, in one shell. */
    static void initRulesets(SimMachine machine, Output out) throws IOException {
        SimFileSystem fs = machine.hostFs();
        String files = RcConf.effective(fs).getOrDefault("devfs_rulesets", "/etc/defaults/devfs.rules /etc/devfs.rules");
        Map<String, String> vars = new HashMap<>();
        for (String file : files.trim().split("\\s+")) {
            if (file.isEmpty() || !fs.exists(file)) {
                continue; // "no such file" is only a debug message
            }
            if (!fromFile(machine, fs.readText(file), vars, out)) {
                warn(out, "devfs_init_rulesets: could not read rules from " + file);
                return;
            }
        }
    }

    private static boolean fromFile(SimMachine machine, String text, Map<String, String> vars, Output out)
            throws IOException {
        String set = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip(); // read(1) drops leading and trailing blanks
            if (line.contains("\\") || line.contains("`") || line.contains("$(")) {
                throw new SimUnsupportedException("devfs.rules line with backslashes or command substitution: " + line);
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.indexOf(']') > 0) {
                Matcher m = SET_LINE.matcher(line);
                if (!m.find() || m.group(2).isEmpty()) {
                    warn(out, FROM_FILE + ": cannot extract rule number (" + line + ")");
                    return false;
                }
                if (m.group(1).isEmpty()) {
                    warn(out, FROM_FILE + ": cannot extract rule name (" + line + ")");
                    return false;
                }
                set = m.group(2);
                vars.put(m.group(1), set);
                if (DevfsTool.rule(machine, set, "delset", List.of(), out) != 0) {
                    return false;
                }
                continue;
            }
            int hash = line.indexOf('#');
            String command = (hash >= 0 ? line.substring(0, hash) : line);
            if (command.isEmpty()) {
                continue;
            }
            if (set == null) {
                throw new SimUnsupportedException("a devfs.rules rule before any [name=N] line");
            }
            List<String> words = evalWords(command, vars);
            if (words.isEmpty() || DevfsTool.rule(machine, set, words.get(0), words.subList(1, words.size()), out) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * What {@code eval} makes of a rule line: {@code $name} expanded (unset: empty), then split as
     * sh splits a simple command ({@link ShTool#words}). A {@code $} inside single quotes is not modelled.
     */
    private static List<String> evalWords(String command, Map<String, String> vars) {
        if (command.matches(".*'[^']*\\$[^']*'.*") || command.contains("\"")) {
            throw new SimUnsupportedException("quoted $ or double quotes in a devfs.rules line: " + command);
        }
        Matcher m = VARIABLE.matcher(command);
        StringBuilder expanded = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(expanded, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
        }
        m.appendTail(expanded);
        return ShTool.words(expanded.toString());
    }

    private static void warn(Output out, String message) {
        out.errln(SCRIPT + ": WARNING: " + message);
    }
}
