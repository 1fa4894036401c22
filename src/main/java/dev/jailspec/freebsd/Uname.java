package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import java.util.Objects;

/** uname(1) on the host (freebsd-facts 5.2). */
public final class Uname {
    private final Host host;

    public Uname(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** {@code uname -a}, split. */
    public UnameInfo all() {
        return UnameParser.parseAll(host.run(Command.probe("uname", "-a")).orThrow().stdout());
    }

    /** {@code uname -s}: the operating system's name, {@code FreeBSD} on FreeBSD. */
    public String system() {
        return host.run(Command.probe("uname", "-s")).orThrow().stdout().strip();
    }

    /** {@code uname -r}: the running kernel's release, e.g. {@code 14.3-RELEASE-p2}. */
    public String release() {
        return host.run(Command.probe("uname", "-r")).orThrow().stdout().strip();
    }

    /** {@code uname -m}: e.g. {@code amd64}. */
    public String machine() {
        return host.run(Command.probe("uname", "-m")).orThrow().stdout().strip();
    }
}
