package dev.jailspec.provision;

import dev.jailspec.config.Setting;
import dev.jailspec.config.Settings;
import dev.jailspec.config.SettingsException;
import dev.jailspec.linux.ImageSource;
import dev.jailspec.linux.LinuxDistribution;
import dev.jailspec.linux.LinuxDistributions;
import dev.jailspec.linux.LinuxRelease;

/**
 * The Linux userland the settings choose: the distribution jailspec.linux.distribution names,
 * its release from the catalogue, and where its image comes from. An unknown distribution or
 * release is a settings error naming the known ones.
 */
public record LinuxUserland(LinuxDistribution distribution, Settings.LinuxUserlandSettings settings,
                            LinuxRelease release) {

    public static LinuxUserland of(Settings s) {
        LinuxDistribution d = distribution(s);
        Settings.LinuxUserlandSettings own = s.linuxUserland().orElseThrow(() -> new SettingsException(
                "jailspec.linux.distribution=" + d.name() + " has no settings jailspec." + d.name() + ".*"));
        LinuxRelease release;
        try {
            release = d.release(own.release());
        } catch (IllegalArgumentException e) {
            throw new SettingsException("jailspec." + d.name() + ".release=" + own.release() + ": " + e.getMessage());
        }
        return new LinuxUserland(d, own, release);
    }

    /** The distribution jailspec.linux.distribution names; an unknown name is a settings error naming the known. */
    public static LinuxDistribution distribution(Settings s) {
        String name = s.get(Setting.LINUX_DISTRIBUTION);
        return LinuxDistributions.byName(name).orElseThrow(() -> new SettingsException(
                Setting.LINUX_DISTRIBUTION.key() + "=" + name + " (from " + s.sourceOf(Setting.LINUX_DISTRIBUTION)
                        + ") is not a Linux userland jailspec knows; known: " + String.join(", ", LinuxDistributions.names())
                        + ". A new one is an implementation of dev.jailspec.linux.LinuxDistribution registered in"
                        + " LinuxDistributions"));
    }

    /** The image and checksum listing on {@code mirror} (the configured one, or the sim's embedded mirror). */
    public ImageSource image(String mirror) {
        return distribution.imageSource(mirror, settings.release(), settings.imageUrl(), settings.checksumUrl());
    }
}
