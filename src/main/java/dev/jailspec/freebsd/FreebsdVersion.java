package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import java.util.Objects;

/** freebsd-version(1) (freebsd-facts 5.2). */
public final class FreebsdVersion {
    private final Host host;

    public FreebsdVersion(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** {@code freebsd-version -kru}. */
    public FreebsdVersions versions() {
        return FreebsdVersions.parse(host.run(Command.probe("freebsd-version", "-kru")).orThrow().stdout());
    }

    /** {@code freebsd-version -u}: the installed userland. */
    public ReleaseVersion userland() {
        return ReleaseVersion.parse(host.run(Command.probe("freebsd-version", "-u")).orThrow().stdout());
    }
}
