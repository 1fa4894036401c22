package dev.jailspec.provision;

import dev.jailspec.config.Settings;
import java.util.List;

/**
 * What the Linux userland's mounts are made of, from the settings: the devfs ruleset of its
 * {@code /dev} (see {@link DevfsRules}) and the host directories shared with it (none unless
 * {@code jailspec.linux.hostDirs} asks for them).
 */
public record LinuxJailOptions(int devfsRuleset, List<String> hostDirs) {
    /** The settings' defaults: ruleset 253, no host directories. */
    public static final LinuxJailOptions DEFAULT = new LinuxJailOptions(253, List.of());

    public LinuxJailOptions {
        hostDirs = List.copyOf(hostDirs);
    }

    public static LinuxJailOptions of(Settings s) {
        return new LinuxJailOptions(s.linuxDevfsRuleset(), s.linuxHostDirs());
    }
}
