package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import java.util.List;

/**
 * {@code ls -1A DIR} on the target: the names in a directory as the kernel shows them. Unlike
 * {@link Host#list}, which reads the host's files, this runs where the host runs it (inside a jail
 * with {@link PrefixedHost}), so a devfs mounted there lists only the nodes its ruleset leaves
 * visible.
 */
public final class DirectoryListing {
    private final Host host;

    public DirectoryListing(Host host) {
        this.host = host;
    }

    public List<String> names(String absoluteDir) {
        return host.run(Command.probe("ls", "-1A", absoluteDir)).orThrow().stdout().lines()
                .filter(l -> !l.isEmpty()).toList();
    }
}
