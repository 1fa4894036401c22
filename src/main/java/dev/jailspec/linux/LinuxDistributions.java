package dev.jailspec.linux;

import dev.jailspec.linux.rocky.RockyLinux;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry of Linux userlands jailspec knows, by the name jailspec.linux.distribution takes. */
public final class LinuxDistributions {
    private static final Map<String, LinuxDistribution> KNOWN = new LinkedHashMap<>();

    static {
        register(new RockyLinux());
    }

    private LinuxDistributions() {
    }

    private static void register(LinuxDistribution d) {
        KNOWN.put(d.name(), d);
    }

    public static Optional<LinuxDistribution> byName(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    /** The names, in registration order. */
    public static Set<String> names() {
        return KNOWN.keySet();
    }

    /** The first registered one: what jailspec.linux.distribution defaults to. */
    public static LinuxDistribution defaultDistribution() {
        return KNOWN.values().iterator().next();
    }
}
