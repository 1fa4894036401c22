package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * /etc/rc.d/jail of FreeBSD 14 run through rc.subr (freebsd-facts 2.3): the jail_enable check,
 * the choice of configuration file per jail, {@code jail -i -f CONF -c NAME} and
 * {@code jail -q -f CONF -r NAME}, and the "Starting jails:" / "Stopping jails:" lines.
 * start and stop always exit 0, even when a jail failed.
 */
final class RcJail {
    static final String SCRIPT = "/etc/rc.d/jail";
    /** parse_options(): {@code egrep -q '^\s*\.include\s*["']?/etc/jail.conf.d/' "$jail_conf"}. */
    private static final Pattern INCLUDES_CONF_D = Pattern.compile("(?m)^\\s*\\.include\\s*[\"']?/etc/jail\\.conf\\.d/");
    private static final String KEYWORDS = "start|stop|restart|rcvar|enable|disable|delete|enabled|describe|extracommands"
            + "|config|console|status";

    private final Invocation inv;
    private final Map<String, String> rc;

    RcJail(Invocation inv) throws IOException {
        this.inv = inv;
        this.rc = RcConf.effective(inv.fs());
    }

    int run(String verb, List<String> names) throws IOException {
        boolean one = verb.startsWith("one");
        String action = one ? verb.substring(3) : verb;
        if (!List.of(KEYWORDS.split("\\|")).contains(action)) {
            inv.err(SCRIPT + ": unknown directive '" + verb + "'.");
            inv.err("Usage: " + SCRIPT + " [fast|force|one|quiet](" + KEYWORDS + ")");
            return 1;
        }
        if (List.of("start", "stop", "restart").contains(action) && !one
                && !RcConf.checkyesno(rc.getOrDefault("jail_enable", ""))) {
            // run_rc_command() in rc.subr: printed on stdout, and the status is 0
            inv.out("Cannot '" + verb + "' jail. Set jail_enable to YES in /etc/rc.conf or use 'one" + verb
                    + "' instead of '" + verb + "'.");
            return 0;
        }
        List<String> targets = names;
        boolean reverseStop = RcConf.checkyesno(rc.get("jail_reverse_stop"));
        if (names.isEmpty()) {
            String list = rc.getOrDefault("jail_list", "").trim();
            targets = list.isEmpty() ? List.of("_ALL") : List.of(list.split("\\s+"));
        } else {
            reverseStop = false;
        }
        switch (action) {
            case "start" -> start(targets);
            case "stop" -> stop(targets, reverseStop);
            case "restart" -> {
                stop(targets, reverseStop);
                start(targets);
            }
            case "status" -> {
                try {
                    return inv.machine().exec(inv.ctx(), List.of("/usr/sbin/jls", "-N"), inv.out(), null, "/");
                } catch (ExecNotFoundException e) {
                    throw new IllegalStateException("jls is part of the simulated base system", e);
                }
            }
            case "enable", "disable" -> {
                enable(action.equals("enable"));
            }
            default -> throw new SimUnsupportedException("service jail " + verb);
        }
        return 0;
    }

    private String jailConf() {
        return rc.getOrDefault("jail_conf", "/etc/jail.conf");
    }

    /** parse_options(): the configuration file for one jail, or empty after rc.d's warning. */
    private Optional<String> configFor(String j) throws IOException {
        String jv = j.replaceAll("[^A-Za-z0-9]", "_");
        if (rc.containsKey("jail_" + jv + "_rootdir") && rc.containsKey("jail_" + jv + "_hostname")) {
            throw new SimUnsupportedException("per-jail jail_" + jv + "_* rc.conf variables (obsolete configuration)");
        }
        String jconf = rc.getOrDefault("jail_" + jv + "_conf", "/etc/jail." + j + ".conf");
        String jconfdir = "/etc/jail.conf.d/" + j + ".conf";
        if (readable(jconf)) {
            return Optional.of(jconf);
        }
        if (readable(jconfdir) && !(readable(jailConf()) && INCLUDES_CONF_D.matcher(inv.fs().readText(jailConf())).find())) {
            return Optional.of(jconfdir);
        }
        if (readable(jailConf())) {
            return Optional.of(jailConf());
        }
        // warn() joins its arguments with single spaces: "for NAME " + " " + "(no ...).  " + " " + "Jail ..."
        inv.err(SCRIPT + ": WARNING: Invalid configuration for " + j + "  (no jail.conf, no hostname, or no path).   Jail "
                + j + " was ignored.");
        return Optional.empty();
    }

    private boolean readable(String path) throws IOException {
        return inv.fs().isRegularFile(path);
    }

    /** {@code tr /. _} of rc.d/jail. */
    private static String mangle(String name) {
        return name.replace('/', '_').replace('.', '_');
    }

    private void start(List<String> targets) throws IOException {
        StringBuilder line = new StringBuilder("Starting jails:");
        JailLifecycle jail;
        if (targets.equals(List.of("_ALL"))) {
            Output tmp = new Output();
            jail = new JailLifecycle(inv.machine(), tmp);
            boolean ok = startAll(jail, tmp);
            if (ok) {
                for (SimState.JailState j : sortedJails()) {
                    line.append(' ').append(j.name);
                    writeJid(j.name);
                }
                inv.out().out(line.toString());
            } else {
                inv.out().out(line.toString());
                inv.out().out(tmp.combined());
            }
            inv.out().out(".\n");
            return;
        }
        inv.out().out(line.toString());
        for (String name : targets) {
            String j = mangle(name);
            Optional<String> conf = configFor(j);
            if (conf.isEmpty()) {
                continue;
            }
            Output tmp = new Output();
            boolean ok = new JailLifecycle(inv.machine(), tmp).create(conf.get(), j, true);
            if (ok) {
                inv.out().out(" " + j);
                writeJid(j);
            } else {
                // startmsg " cannot start jail " "\"NAME\": " — echo puts a space between its arguments
                inv.out().out(" cannot start jail  \"" + j + "\": \n");
                inv.out().out(tmp.combined());
            }
        }
        inv.out().out(".\n");
    }

    /** {@code jail -f $jail_conf -c [-p1]}: every jail of the file, stopping at the first failure. */
    private boolean startAll(JailLifecycle jail, Output tmp) throws IOException {
        String conf = jailConf();
        if (!inv.fs().exists(conf)) {
            tmp.errln("jail: " + conf + ": " + Errno.ENOENT);
            return false;
        }
        dev.jailspec.jailconf.JailConfSet set;
        try {
            set = dev.jailspec.jailconf.JailConfLoader.load(conf, new SimConfFiles(inv.fs()));
        } catch (dev.jailspec.jailconf.JailConfException e) {
            e.lines().forEach(tmp::errln);
            return false;
        }
        boolean ok = true;
        for (String name : set.jailNames()) {
            if (inv.state().jailByName(name).isPresent()) {
                continue;
            }
            ok &= jail.create(conf, name, false);
        }
        return ok;
    }

    private void stop(List<String> targets, boolean reverse) throws IOException {
        StringBuilder out = new StringBuilder("Stopping jails:");
        if (targets.equals(List.of("_ALL"))) {
            List<SimState.JailState> running = new ArrayList<>(sortedJails());
            if (reverse) {
                java.util.Collections.reverse(running);
            }
            inv.out().out(out.toString());
            for (SimState.JailState j : running) {
                inv.out().out(" " + j.name);
                stopOne(jailConf(), j.name);
            }
            inv.out().out(".\n");
            return;
        }
        List<String> order = new ArrayList<>(targets);
        if (reverse) {
            java.util.Collections.reverse(order);
        }
        inv.out().out(out.toString());
        for (String name : order) {
            String j = mangle(name);
            Optional<String> conf = configFor(j);
            if (conf.isEmpty() || inv.state().jailByName(j).isEmpty()) {
                continue;
            }
            inv.out().out(" " + j);
            stopOne(conf.get(), j);
        }
        inv.out().out(".\n");
    }

    private void stopOne(String conf, String name) throws IOException {
        Output tmp = new Output();
        new JailLifecycle(inv.machine(), tmp).remove(conf, name);
        if (inv.state().jailByName(name).isPresent()) {
            inv.out().out(tmp.combined());
        } else {
            String idFile = "/var/run/jail_" + name + ".id";
            if (inv.fs().exists(idFile)) {
                java.nio.file.Files.delete(inv.fs().resolveNoFollow(idFile));
            }
        }
    }

    private List<SimState.JailState> sortedJails() {
        return inv.state().jails.stream().sorted(Comparator.comparingInt(j -> j.jid)).toList();
    }

    /** {@code echo $_jid > /var/run/jail_NAME.id}, where the jid comes from {@code jls -j NAME jid}. */
    private void writeJid(String name) throws IOException {
        String jid = inv.state().jailByName(name).map(j -> Integer.toString(j.jid)).orElse("");
        if (inv.fs().isDirectory("/var/run")) {
            inv.fs().writeText("/var/run/jail_" + name + ".id", jid + "\n");
        }
    }

    private void enable(boolean on) throws IOException {
        List<String> argv = List.of("/usr/sbin/sysrc", "jail_enable=" + (on ? "YES" : "NO"));
        Output ignored = new Output();
        try {
            inv.machine().exec(inv.ctx(), argv, ignored, null, "/");
        } catch (ExecNotFoundException e) {
            throw new IllegalStateException(e);
        }
        inv.out("jail " + (on ? "enabled" : "disabled") + " in /etc/rc.conf");
    }
}
