package dev.jailspec.provision;

import dev.jailspec.config.Setting;
import dev.jailspec.config.Settings;
import dev.jailspec.freebsd.FreebsdRelease;
import dev.jailspec.freebsd.FreebsdReleases;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Fills in the releases the settings leave empty, once per run, before any name is derived.
 *
 * <p>On sim the simulated host runs jailspec.sim.release, else jailspec.freebsd.release, else
 * the newest 14.x release supported on the run's clock whose version strings the table holds;
 * the template defaults to the host's release. 14.x, not 15.x: FreeBSD 15 changes ifconfig and
 * if_bridge (freebsd-facts 9.5), which the simulator does not model. On a real target the
 * release is required (SettingsLoader), so nothing is derived there.
 */
final class RunRelease {
    /** The major release line the sim defaults to (see the class comment). */
    static final int SIM_DEFAULT_MAJOR = 14;

    private RunRelease() {
    }

    static Settings resolve(Settings s) {
        if (s.target().isReal()) {
            return s;
        }
        Settings out = s;
        if (out.simRelease().isEmpty()) {
            if (!out.freebsdRelease().isEmpty()) {
                out = out.withDerived(Setting.SIM_RELEASE, out.freebsdRelease(), "derived from jailspec.freebsd.release");
            } else {
                Instant now = s.clock().instant();
                FreebsdRelease newest = FreebsdReleases.newestSupportedWithBuild(now, SIM_DEFAULT_MAJOR)
                        .orElseThrow(() -> new ProvisionException("no FreeBSD " + SIM_DEFAULT_MAJOR
                                + ".x release the simulator models is supported on " + now.atOffset(ZoneOffset.UTC)
                                .toLocalDate() + " (jailspec.clock); set jailspec.sim.release and jailspec.freebsd.release,"
                                + " or add the release to dev.jailspec.freebsd.FreebsdReleases"));
                out = out.withDerived(Setting.SIM_RELEASE, newest.name(), "derived: the newest supported "
                        + SIM_DEFAULT_MAJOR + ".x release on " + now.atOffset(ZoneOffset.UTC).toLocalDate());
            }
        }
        if (out.freebsdRelease().isEmpty()) {
            out = out.withDerived(Setting.FREEBSD_RELEASE, out.simRelease(), "derived: the simulated host's release");
        }
        return out;
    }
}
