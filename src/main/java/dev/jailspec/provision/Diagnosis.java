package dev.jailspec.provision;

import dev.jailspec.event.DiagnosisCollected.Probe;
import dev.jailspec.freebsd.PrefixedHost;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import dev.jailspec.host.ShellQuote;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-only look at the host, the jail and its Linux userland that a failed scenario gets in
 * its report (issue: a diagnosis on every failure). Every probe is a probe command (marked so in
 * the runbook) or a file read, bounded by the host's default command timeout; one that fails is
 * noted with its error and the others still run.
 */
final class Diagnosis {
    /** The last lines of a log worth showing. */
    static final int LOG_TAIL = 60;

    private final Host host;
    private final Layout layout;

    Diagnosis(Host host, Layout layout) {
        this.host = host;
        this.layout = layout;
    }

    List<Probe> gather() {
        PrefixedHost jail = PrefixedHost.jail(host, layout.jailName(), layout.jailPath());
        PrefixedHost linux = jail.chroot(layout.linuxRootInJail());
        var probes = new ArrayList<Probe>();
        probes.add(file("the jail's jail.conf", layout.jailConfPath(), false));
        probes.add(command("jls", host, "jls", "-n", "-j", layout.jailName()));
        probes.add(command("host mounts", host, "mount", "-p"));
        probes.add(command("jail mounts", jail, "mount", "-p"));
        probes.add(command("host interfaces", host, "ifconfig", "-a"));
        probes.add(command("jail interfaces", jail, "ifconfig", "-a"));
        probes.add(command("jail routes", jail, "netstat", "-rn"));
        probes.add(command("Linux ABI", host, "sysctl", "compat.linux"));
        probes.add(command("kernel modules", host, "kldstat"));
        probes.add(file("the jail's console log", "/var/log/jail_console_" + layout.jailName() + ".log", true));
        probes.add(file("dnf's log in the userland", layout.linuxRootOnHost() + "/var/log/dnf.log", true));
        probes.add(command("rpm packages", linux, "rpm", "-qa"));
        probes.add(command("host disk space", host, "df", "-h"));
        return probes;
    }

    private static Probe command(String name, Host on, String... argv) {
        String line = ShellQuote.join(List.of(argv)) + (on instanceof PrefixedHost p ? "  (in " + p.describe() + ")" : "");
        try {
            CommandResult r = on.run(Command.probe(List.of(argv)));
            String text = r.stdout() + (r.stderr().isEmpty() ? "" : "--- stderr ---\n" + r.stderr());
            return new Probe(name, line, r.exitCode() == 0 ? text : text + "--- exit " + r.exitCode() + " ---\n",
                    r.exitCode() == 0);
        } catch (RuntimeException e) {
            return new Probe(name, line, "could not ask: " + e.getMessage() + "\n", false);
        }
    }

    private Probe file(String name, String path, boolean tail) {
        try {
            if (host.stat(path).isEmpty()) {
                return new Probe(name, path, "(no such file)\n", false);
            }
            String text = host.readText(path);
            if (tail) {
                List<String> lines = text.lines().toList();
                text = String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size())) + "\n";
            }
            return new Probe(name, path, text, true);
        } catch (RuntimeException e) {
            return new Probe(name, path, "could not read: " + e.getMessage() + "\n", false);
        }
    }
}
