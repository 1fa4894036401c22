package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a sysctl(8) value: {@code sysctl -n OID} prints the value alone; an unknown OID exits 1 (freebsd-facts 3.3). */
public final class Sysctl {
    private static final Pattern OID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_%]+)+");

    private final Host host;

    public Sysctl(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** The value of {@code oid}, e.g. compat.linux.osrelease; empty when the kernel has no such OID. */
    public Optional<String> value(String oid) {
        if (oid == null || !OID.matcher(oid).matches()) {
            throw new IllegalArgumentException("not a sysctl name: '" + oid + "'");
        }
        CommandResult r = host.run(Command.probe("sysctl", "-n", oid)).expectExit(0, 1);
        return r.exitCode() == 0 ? Optional.of(r.stdout().strip()) : Optional.empty();
    }
}
