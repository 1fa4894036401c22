package dev.jailspec.freebsd;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * One FreeBSD release as jailspec knows it: when it came out, when its support ends, and where
 * those dates come from. Releases the simulator models also carry their version strings.
 *
 * <p>{@code source} names what the dates were read from; {@code verified} is false when they
 * were taken from a secondary source only (the report says so).
 */
public record FreebsdRelease(String name, LocalDate released, LocalDate endOfLife, String source, boolean verified,
                             Optional<Build> build) {

    /**
     * What a release's kernel and update server say: the {@code uname -v} build tag and the
     * newest patch level freebsd-update offers, each with its source.
     */
    public record Build(String unameTag, String unameSource, int newestPatch, String patchSource) {
        public Build {
            Objects.requireNonNull(unameTag, "unameTag");
            Objects.requireNonNull(unameSource, "unameSource");
            Objects.requireNonNull(patchSource, "patchSource");
            if (newestPatch < 0) {
                throw new IllegalArgumentException("negative patch level");
            }
        }
    }

    public FreebsdRelease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(released, "released");
        Objects.requireNonNull(endOfLife, "endOfLife");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(build, "build");
        if (!ReleaseVersion.parse(name).isRelease() || ReleaseVersion.parse(name).patch() != 0) {
            throw new IllegalArgumentException("a release name looks like 14.5-RELEASE, got '" + name + "'");
        }
        if (endOfLife.isBefore(released)) {
            throw new IllegalArgumentException(name + ": end of life " + endOfLife + " before release " + released);
        }
    }

    public ReleaseVersion version() {
        return ReleaseVersion.parse(name);
    }

    /**
     * The moment freebsd-update counts the release as past its end of life: the start (UTC) of
     * the EoL day. freebsd-update.sh {@code fetch_warn_eol} compares the EOLTIME of the signed
     * metadata with the current time; a 12.1-RELEASE transcript (EoL January 31, 2021) prints
     * that time as "Sun Jan 31 01:00:00 CET 2021", i.e. 00:00 UTC of the EoL day (helloSystem/ISO
     * issue 185). [UNVERIFIED: the EOLTIME of the 14.x/15.x metadata itself]
     */
    public Instant endOfLifeInstant() {
        return endOfLife.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** fetch_warn_eol: {@code [ ${EOLTIME} -lt ${NOWTIME} ]}. */
    public boolean isPastEndOfLife(Instant now) {
        return endOfLifeInstant().isBefore(now);
    }

    public boolean isReleasedBy(Instant now) {
        return !released.atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(now);
    }

    /** Released and not past its end of life at {@code now}. */
    public boolean isSupported(Instant now) {
        return isReleasedBy(now) && !isPastEndOfLife(now);
    }

    @Override
    public String toString() {
        return name + " (released " + released + ", supported until " + endOfLife + ")";
    }
}
