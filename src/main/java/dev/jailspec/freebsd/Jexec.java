package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Runs a command inside a running jail with jexec(8) (freebsd-facts 2.5). */
public final class Jexec {
    private final Host host;

    public Jexec(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * {@code jexec JAIL COMMAND...}. The result's exit status is the command's own; a non-zero
     * status is returned, not thrown.
     *
     * @throws JailNotRunningException when jexec says {@code jexec: jail "JAIL" not found} (exit 1)
     */
    public CommandResult run(String jail, List<String> command) {
        return run(jail, command, Command.DEFAULT_TIMEOUT);
    }

    /** Like {@link #run(String, List)} with a timeout for slow commands (package installs). */
    public CommandResult run(String jail, List<String> command, Duration timeout) {
        JailNames.requireValid(jail);
        if (command.isEmpty()) {
            // Without a command jexec starts an interactive shell, which would wait for input.
            throw new IllegalArgumentException("jexec needs a command to run in jail " + jail);
        }
        List<String> argv = new ArrayList<>(command.size() + 2);
        argv.add("jexec");
        argv.add(jail);
        argv.addAll(command);
        CommandResult r = host.run(Command.of(argv).withTimeout(timeout));
        if (r.exitCode() == 1 && JexecParser.missingJail(r.stderr()).filter(jail::equals).isPresent()) {
            throw new JailNotRunningException(jail, r);
        }
        return r;
    }
}
