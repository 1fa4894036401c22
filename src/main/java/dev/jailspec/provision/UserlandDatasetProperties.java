package dev.jailspec.provision;

import dev.jailspec.freebsd.Zfs;
import dev.jailspec.freebsd.ZfsProperty;
import dev.jailspec.freebsd.ZfsPropertySource;
import java.util.List;
import java.util.Map;

/**
 * The ZFS properties of the jail's clone that decide whether the Linux userland on it can run:
 * {@code exec=off} makes every program on it fail with EACCES (jail(8)'s exec.start, jexec, the
 * Linux shell), {@code setuid=off} ignores the setuid bit of su and passwd, {@code readonly=on}
 * stops dnf. All three are inherited, so a value set on a parent (the containers dataset, the
 * pool) is a known cause of jails that do not start; the check names where a value comes from.
 */
public final class UserlandDatasetProperties {
    /** The value each property needs (zfs_prop.c defaults: exec on, setuid on, readonly off). */
    public static final Map<String, String> REQUIRED = Map.of("exec", "on", "setuid", "on", "readonly", "off");

    private static final List<String> ORDER = List.of("exec", "setuid", "readonly");

    private final Zfs zfs;
    private final String dataset;

    UserlandDatasetProperties(Zfs zfs, String dataset) {
        this.zfs = zfs;
        this.dataset = dataset;
    }

    /** The three properties as {@code zfs get} reports them. */
    public List<ZfsProperty> properties() {
        return zfs.get(dataset, ORDER.toArray(String[]::new));
    }

    /**
     * What stops the userland, one sentence each with the way out, e.g. {@code exec=off on
     * zroot/jails/containers/lrdev (inherited from zroot/jails/containers): ...}; empty when none.
     */
    public List<String> problems() {
        return properties().stream().filter(p -> !p.value().equals(REQUIRED.get(p.property())))
                .map(UserlandDatasetProperties::problem).toList();
    }

    private static String problem(ZfsProperty p) {
        String where = switch (p.source().kind()) {
            case INHERITED -> "inherited from " + p.source().inheritedFrom().orElseThrow();
            case LOCAL -> "set locally";
            default -> p.source().kind().name().toLowerCase(java.util.Locale.ROOT);
        };
        String fix = p.source().kind() == ZfsPropertySource.Kind.INHERITED
                ? "set " + p.property() + "=" + REQUIRED.get(p.property()) + " on " + p.source().inheritedFrom().orElseThrow()
                        + " or on the clone"
                : "zfs inherit " + p.property() + " " + p.dataset();
        return p.property() + "=" + p.value() + " on " + p.dataset() + " (" + where + "): " + effect(p.property())
                + "; " + fix;
    }

    private static String effect(String property) {
        return switch (property) {
            case "exec" -> "no program on it can be run (execve fails with EACCES), so neither the jail's rc nor the Linux shell starts";
            case "setuid" -> "setuid programs (su, passwd) run without their owner's rights";
            default -> "nothing can be written, so dnf cannot install or update";
        };
    }
}
