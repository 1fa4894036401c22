package dev.jailspec.provision;

import dev.jailspec.config.Setting;
import dev.jailspec.config.Settings;
import dev.jailspec.freebsd.FreebsdRelease;
import dev.jailspec.freebsd.FreebsdReleases;
import dev.jailspec.freebsd.FreebsdVersion;
import dev.jailspec.freebsd.ReleaseVersion;
import dev.jailspec.host.Host;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Fills in the releases the settings leave empty, once per run, before any name is derived, so no
 * default goes stale:
 * <ul>
 *   <li>On sim the simulated host runs jailspec.sim.release, else jailspec.freebsd.release, else
 *       the newest release the catalogue says is supported on the run's clock; the template
 *       defaults to the host's release.</li>
 *   <li>On a real target the template defaults to the host's own userland
 *       ({@code freebsd-version -u}, patch level dropped: the distribution sets are named
 *       {@code 14.5-RELEASE}), read once the target is open ({@link #fromHost}).</li>
 * </ul>
 */
final class RunRelease {

    private RunRelease() {
    }

    /** The sim's releases; a real target's settings come back unchanged (its release needs the host). */
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
                String day = now.atOffset(ZoneOffset.UTC).toLocalDate().toString();
                out = FreebsdReleases.newestSupported(now)
                        .map(r -> s.withDerived(Setting.SIM_RELEASE, r.name(),
                                "derived: the newest supported release on " + day))
                        // A catalogue behind the clock: the newest it knows, which preflight then names as past its EoL.
                        .orElseGet(() -> s.withDerived(Setting.SIM_RELEASE, newestCatalogued().name(),
                                "derived: no catalogued release is supported on " + day + "; the newest catalogued"));
            }
        }
        if (out.freebsdRelease().isEmpty()) {
            out = out.withDerived(Setting.FREEBSD_RELEASE, out.simRelease(), "derived: the simulated host's release");
        }
        return out;
    }

    /**
     * A real target's template release when the settings leave it empty: the host's
     * {@code freebsd-version -u} without its patch level (a 14.5-RELEASE-p2 host runs
     * 14.5-RELEASE templates). A userland that is not a -RELEASE has no distribution sets.
     */
    static Settings fromHost(Settings s, Host host) {
        if (!s.target().isReal() || !s.freebsdRelease().isEmpty()) {
            return s;
        }
        ReleaseVersion userland = new FreebsdVersion(host).userland();
        if (!userland.isRelease()) {
            throw new ProvisionException("the host " + host.describe() + " runs FreeBSD " + userland + " (freebsd-version"
                    + " -u), which has no release distribution sets to build a template from; set jailspec.freebsd.release"
                    + " to a -RELEASE not newer than the host, e.g. -Djailspec.freebsd.release="
                    + userland.major() + "." + userland.minor() + "-RELEASE if it is out");
        }
        return s.withDerived(Setting.FREEBSD_RELEASE, userland.withoutPatch(),
                "derived: the host's freebsd-version -u (" + userland + "), patch level dropped");
    }

    /**
     * What the release catalogue could not confirm for the releases this run uses (the template's,
     * and on sim the simulated host's), one report note per release.
     */
    static List<String> catalogueGaps(Settings s) {
        var names = new LinkedHashSet<String>();
        names.add(s.freebsdRelease());
        if (!s.target().isReal()) {
            names.add(s.simRelease());
        }
        return names.stream().map(FreebsdReleases::find).flatMap(Optional::stream)
                .filter(r -> !r.unverified().isEmpty())
                .map(r -> "the release catalogue could not confirm for " + r.name() + ": "
                        + String.join("; ", r.unverified()))
                .toList();
    }

    private static FreebsdRelease newestCatalogued() {
        return FreebsdReleases.all().stream().max(Comparator.comparing(FreebsdRelease::version)).orElseThrow();
    }
}
