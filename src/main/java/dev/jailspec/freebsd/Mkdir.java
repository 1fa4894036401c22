package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.Host;

/** mkdir(1) on the target, so the runbook shows the command a person would type. */
public final class Mkdir {
    private final Host host;

    public Mkdir(Host host) {
        this.host = host;
    }

    /** {@code mkdir -p DIR}: creates missing parents, succeeds if it exists. */
    public void parents(String absoluteDir) {
        host.run(Command.of("mkdir", "-p", absoluteDir)).orThrow();
    }
}
