package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** sysctl(8) reads of one OID (freebsd-facts 3.3). */
public final class Sysctl {
    private static final Pattern OID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_%]+)*");

    private final Host host;

    public Sysctl(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * {@code sysctl -n OID}; empty when the kernel has no such OID ({@code sysctl: unknown oid
     * 'OID'}, exit 1: compat.linux.* while linux.ko is not loaded).
     */
    public Optional<String> value(String oid) {
        if (!OID.matcher(oid).matches()) {
            throw new IllegalArgumentException("not a sysctl name: '" + oid + "'");
        }
        CommandResult r = host.run(Command.probe("sysctl", "-n", oid));
        if (r.exitCode() == 1 && r.stderr().contains("unknown oid '" + oid + "'")) {
            return Optional.empty();
        }
        return Optional.of(r.orThrow().stdout().strip());
    }
}
