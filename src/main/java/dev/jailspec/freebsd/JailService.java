package dev.jailspec.freebsd;

import dev.jailspec.event.CommandKind;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.List;
import java.util.Objects;

/**
 * Starts and stops configured jails through rc.d/jail ({@code service jail ...}), the way an
 * operator does. rc.d/jail exits 0 even when the jail failed (freebsd-facts 2.3), so each call
 * returns what the output says rather than trusting the status; callers that must be sure check
 * {@link Jls#find} afterwards.
 */
public final class JailService {
    /** The command kind: exec.start runs the jail's /etc/rc, which can take a while (jailspec.timeout.jail). */
    static final CommandKind KIND = CommandKind.JAIL;

    private final Host host;

    public JailService(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** {@code service jail start NAME}; refused (exit 0) unless jail_enable is YES. */
    public ServiceJailOutcome start(String name) {
        CommandResult r = run("start", name);
        return ServiceJailParser.parseStart(r.stdout(), r.stderr());
    }

    /** {@code service jail onestart NAME}: the same, ignoring jail_enable. */
    public ServiceJailOutcome onestart(String name) {
        CommandResult r = run("onestart", name);
        return ServiceJailParser.parseStart(r.stdout(), r.stderr());
    }

    /** {@code service jail stop NAME}; refused (exit 0) unless jail_enable is YES. */
    public ServiceJailStopOutcome stop(String name) {
        CommandResult r = run("stop", name);
        return ServiceJailParser.parseStop(r.stdout(), r.stderr(), name);
    }

    /** {@code service jail onestop NAME}: the same, ignoring jail_enable. */
    public ServiceJailStopOutcome onestop(String name) {
        CommandResult r = run("onestop", name);
        return ServiceJailParser.parseStop(r.stdout(), r.stderr(), name);
    }

    private CommandResult run(String verb, String name) {
        JailNames.requireValid(name);
        // A non-zero status means rc.d itself failed (unknown directive, mktemp), not a jail.
        return host.run(Command.of(List.of("service", "jail", verb, name)).withKind(KIND)).orThrow();
    }
}
