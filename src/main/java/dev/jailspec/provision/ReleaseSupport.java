package dev.jailspec.provision;

import dev.jailspec.config.Settings;
import dev.jailspec.freebsd.FreebsdRelease;
import dev.jailspec.freebsd.FreebsdReleases;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Whether the release under test is supported on the run's clock (jailspec.clock), from the one
 * release catalogue ({@link FreebsdReleases}). freebsd-update refuses a release past its end of
 * life (freebsd-update.sh fetch_warn_eol), so such a template cannot be patched: preflight stops
 * unless jailspec.freebsd.allowEol=true asks for an unpatched template on purpose.
 */
public record ReleaseSupport(Instant now, boolean allowEol) {
    static final String CHECK = "release under test supported";
    static final String CATALOGUE = "release catalogue current";

    public static ReleaseSupport of(Settings s) {
        return new ReleaseSupport(s.clock().instant(), s.allowEol());
    }

    LocalDate today() {
        return now.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The preflight finding for {@code release}: known, released, and not past its end of life (or allowed to be). */
    Preflight.Finding check(String release) {
        Optional<FreebsdRelease> known = FreebsdReleases.find(release);
        String choose = "choose a supported release with jailspec.freebsd.release (on " + today() + ": "
                + FreebsdReleases.describeSupported(now) + ")";
        if (known.isEmpty()) {
            return new Preflight.Finding(CHECK, false, release + " is not in jailspec's release catalogue, so its support"
                    + " dates are unknown (known: " + String.join(", ", FreebsdReleases.all().stream()
                    .map(FreebsdRelease::name).toList()) + ")",
                    choose + ", or add the release with its sourced dates to dev.jailspec.freebsd.FreebsdReleases");
        }
        FreebsdRelease r = known.get();
        if (!r.isReleasedBy(now)) {
            return new Preflight.Finding(CHECK, false, release + " is released on " + r.released() + ", after the run's"
                    + " date " + today() + " (jailspec.clock)", choose + ", or fix jailspec.clock");
        }
        if (r.isPastEndOfLife(now)) {
            String eol = release + " reached its end of life on " + r.endOfLife() + " (" + r.source() + "); on " + today()
                    + " freebsd-update refuses to patch it";
            return allowEol
                    ? new Preflight.Finding(CHECK, true, eol + "; jailspec.freebsd.allowEol=true: the template is built"
                            + " without freebsd-update", "")
                    : new Preflight.Finding(CHECK, false, eol, choose + ", or set jailspec.freebsd.allowEol=true to build an"
                            + " unpatched end-of-life template on purpose");
        }
        return new Preflight.Finding(CHECK, true, release + " is supported until " + r.endOfLife() + " (" + r.source()
                + ")", "");
    }

    /**
     * The catalogue has a supported release on the run's clock. One that has fallen behind (every
     * release it knows is past its end of life) says so here, before anything else goes wrong.
     */
    Preflight.Finding catalogueCurrent() {
        var supported = FreebsdReleases.supportedAt(now);
        if (!supported.isEmpty()) {
            return new Preflight.Finding(CATALOGUE, true, "on " + today() + " supported: "
                    + FreebsdReleases.describeSupported(now), "");
        }
        return new Preflight.Finding(CATALOGUE, false, "no supported release known after "
                + FreebsdReleases.lastSupportedDay() + "; on " + today() + " (jailspec.clock) every release in the catalogue"
                + " is past its end of life or not out yet",
                "update the catalogue: add the releases out since, with their sourced dates, to"
                        + " dev.jailspec.freebsd.FreebsdReleases (README, How to accept a release), or fix jailspec.clock");
    }

    /** With allowEol, a release past its end of life is not patched: freebsd-update would refuse. */
    boolean skipsUpdate(String release) {
        return allowEol && isPastEndOfLife(release);
    }

    /** A known release past its end of life on the run's clock (an unknown one is not). */
    boolean isPastEndOfLife(String release) {
        return FreebsdReleases.find(release).map(r -> r.isPastEndOfLife(now)).orElse(false);
    }
}
