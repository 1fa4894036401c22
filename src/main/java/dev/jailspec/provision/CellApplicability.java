package dev.jailspec.provision;

import dev.jailspec.config.Settings;
import dev.jailspec.freebsd.ReleaseVersion;
import java.util.Optional;

/**
 * Whether a cell of the release matrix can run on its host at all, decided before anything runs:
 * a cell that cannot is "not applicable" with the reason, neither a failure nor a pass.
 *
 * <p>Known today: a template newer than its host. A jail shares the host's kernel, and FreeBSD keeps
 * binary compatibility only from older userlands to newer kernels (the COMPAT_FREEBSDn options run
 * old binaries on a new kernel; nothing runs new binaries on an old one), so a 15.0 userland on a
 * 14.x host is refused. [UNVERIFIED: the direction of compatibility is from the COMPAT_FREEBSD*
 * kernel options as documented in the handbook, not read in sys/conf/options at a releng tag.]
 * Decided here only where the host's release is known from the settings (target sim); on a real
 * target preflight asks the host.
 */
public final class CellApplicability {
    private CellApplicability() {
    }

    /** Empty when the cell can run; else why not, for the matrix page. */
    public static Optional<String> notApplicable(Settings s) {
        if (s.target().isReal() || s.simRelease().isEmpty() || s.freebsdRelease().isEmpty()) {
            return Optional.empty();
        }
        ReleaseVersion host = ReleaseVersion.parse(s.simRelease());
        ReleaseVersion template = ReleaseVersion.parse(s.freebsdRelease());
        // By release (major.minor): a minor release may add system calls too, so 14.5 on 14.4 is newer.
        boolean newer = template.major() > host.major() || template.major() == host.major() && template.minor() > host.minor();
        if (newer) {
            return Optional.of("a jail cannot run a newer FreeBSD than its host: a " + s.freebsdRelease()
                    + " template on a " + s.simRelease() + " host (a jail shares the host's kernel)");
        }
        return Optional.empty();
    }
}
