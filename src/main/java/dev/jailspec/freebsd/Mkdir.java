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
        parents(java.util.List.of(absoluteDir));
    }

    /**
     * {@code mkdir -p DIR...}: several directories in one command; mkdir goes through its operands
     * in order and creates each with its missing parents (bin/mkdir/mkdir.c, its loop over argv).
     */
    public void parents(java.util.List<String> absoluteDirs) {
        if (absoluteDirs.isEmpty()) {
            throw new IllegalArgumentException("mkdir -p needs at least one directory");
        }
        var argv = new java.util.ArrayList<>(java.util.List.of("mkdir", "-p"));
        argv.addAll(absoluteDirs);
        host.run(Command.of(argv)).orThrow();
    }
}
