package dev.jailspec.provision;

import dev.jailspec.config.Settings;
import dev.jailspec.freebsd.ReleaseVersion;
import java.util.Optional;

/**
 * Whether a cell of the release matrix can run on its host at all, decided before anything runs:
 * a cell that cannot is "not applicable" with the reason, neither a failure nor a pass.
 *
 * <p>Known today: a template newer than its host, which preflight refuses too, with the same rule
 * ({@link ReleaseVersion#isNewerReleaseThan}, the Handbook's "can not be newer"). Decided here only
 * where the host's release is known from the settings (target sim); on a real target the cell runs
 * and preflight asks the host.
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
        if (template.isNewerReleaseThan(host)) {
            return Optional.of("a jail cannot run a newer FreeBSD than its host: a " + s.freebsdRelease()
                    + " template on a " + s.simRelease() + " host (Handbook, jails: \""
                    + ReleaseVersion.JAIL_NOT_NEWER_THAN_HOST + "\")");
        }
        return Optional.empty();
    }
}
