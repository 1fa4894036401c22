package dev.jailspec.provision;

import dev.jailspec.linux.KernelVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * The Linux kernel release the userland sees, and where it comes from: the host's
 * {@code compat.linux.osrelease}, the jail's {@code linux} and {@code linux.osrelease} parameters
 * (a jail with {@code linux=new} and its own {@code linux.osrelease} overrides the host's), and
 * {@code uname -r} in the userland; against the minimum its glibc requires.
 */
public record LinuxAbiReleases(Optional<String> hostOsrelease, String jailLinux, String jailOsrelease,
                               String userlandRelease, KernelVersion glibcMinimum) {
    public LinuxAbiReleases {
        Objects.requireNonNull(hostOsrelease, "hostOsrelease");
        Objects.requireNonNull(jailLinux, "jailLinux");
        Objects.requireNonNull(jailOsrelease, "jailOsrelease");
        Objects.requireNonNull(userlandRelease, "userlandRelease");
        Objects.requireNonNull(glibcMinimum, "glibcMinimum");
    }

    /** One line for the report. */
    public String summary() {
        return "Linux ABI: compat.linux.osrelease=" + hostOsrelease.orElse("(no such OID: linux.ko not loaded)")
                + ", jail linux=" + jailLinux + " linux.osrelease=" + (jailOsrelease.isEmpty() ? "\"\"" : jailOsrelease)
                + ", uname -r in the userland: " + userlandRelease + ", its glibc needs at least " + glibcMinimum;
    }

    /** Why the userland's glibc would refuse to start ({@code FATAL: kernel too old}), with the fix; empty if it runs. */
    public Optional<String> problem() {
        KernelVersion seen = KernelVersion.parse(userlandRelease);
        if (seen.isAtLeast(glibcMinimum)) {
            return Optional.empty();
        }
        // A jail copies the host's value when it is created, so a host change needs a restart of the jail.
        return Optional.of("the userland sees Linux " + seen + ", older than the " + glibcMinimum
                + " its glibc requires (its programs stop with \"FATAL: kernel too old\"); set compat.linux.osrelease to "
                + glibcMinimum + " or later on the host (sysctl, and /etc/sysctl.conf) and restart the jail, or give the jail"
                + " linux.osrelease=\"" + glibcMinimum + "\" in its configuration");
    }
}
