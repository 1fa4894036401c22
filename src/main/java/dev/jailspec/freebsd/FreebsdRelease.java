package dev.jailspec.freebsd;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One FreeBSD release as jailspec knows it: when it came out, when its support ends, what its
 * kernel and update server say ({@link Build}), which OpenZFS it ships ({@link OpenZfs}), and
 * where each of those comes from. What could not be confirmed is listed by {@link #unverified()}
 * and shown in the report of a run that depends on it.
 *
 * <p>{@code source} names what the dates were read from; {@code verified} is false when they
 * were taken from a secondary source only.
 */
public record FreebsdRelease(String name, LocalDate released, LocalDate endOfLife, String source, boolean verified,
                             Build build, OpenZfs openZfs) {

    /**
     * What a release's kernel and update server say: the whole {@code uname -v} of the release's
     * GENERIC kernel, and the newest patch level freebsd-update offers (empty when no source shows
     * it), each with its source.
     */
    public record Build(String unameV, String unameSource, OptionalInt newestPatch, String patchSource,
                        boolean patchVerified) {
        public Build {
            Objects.requireNonNull(unameV, "unameV");
            Objects.requireNonNull(unameSource, "unameSource");
            Objects.requireNonNull(newestPatch, "newestPatch");
            Objects.requireNonNull(patchSource, "patchSource");
            if (newestPatch.isPresent() && newestPatch.getAsInt() < 1) {
                throw new IllegalArgumentException("a patch level is -p1 or later, got " + newestPatch.getAsInt());
            }
        }
    }

    /**
     * The OpenZFS a release ships: {@code version} as the release notes name it ({@code 2.2.7},
     * {@code 2.4.0-rc4}) and, where a transcript shows it, the git revision of the import that
     * {@code zfs version} prints after {@code -FreeBSD_g}.
     */
    public record OpenZfs(String version, Optional<String> gitRevision, String source, boolean verified) {
        /** What stands for a git revision no source shows; {@code zfs version} on the sim prints it visibly. */
        public static final String UNKNOWN_REVISION = "[UNVERIFIED]";

        public OpenZfs {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(gitRevision, "gitRevision");
            Objects.requireNonNull(source, "source");
            if (!version.matches("\\d+\\.\\d+\\.\\d+(-rc\\d+)?")) {
                throw new IllegalArgumentException("an OpenZFS version looks like 2.2.7 or 2.4.0-rc4, got '" + version + "'");
            }
        }

        /**
         * The two lines of {@code zfs version}: ZFS_META_ALIAS, then {@code zfs-kmod-} and the
         * same alias (libzfs_util.c zfs_version_print; freebsd-facts 1.1:
         * {@code zfs-2.2.7-FreeBSD_ge269af1b3} / {@code zfs-kmod-2.2.7-FreeBSD_ge269af1b3}).
         */
        public String versionOutput() {
            String alias = version + "-FreeBSD_g" + gitRevision.orElse(UNKNOWN_REVISION);
            return "zfs-" + alias + "\nzfs-kmod-" + alias + "\n";
        }
    }

    public FreebsdRelease {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(released, "released");
        Objects.requireNonNull(endOfLife, "endOfLife");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(openZfs, "openZfs");
        if (!ReleaseVersion.parse(name).isRelease() || ReleaseVersion.parse(name).patch() != 0) {
            throw new IllegalArgumentException("a release name looks like 14.5-RELEASE, got '" + name + "'");
        }
        if (endOfLife.isBefore(released)) {
            throw new IllegalArgumentException(name + ": end of life " + endOfLife + " before release " + released);
        }
        if (!build.unameV().startsWith("FreeBSD " + name + " ")) {
            throw new IllegalArgumentException(name + ": uname -v starts with 'FreeBSD " + name + " ', got '"
                    + build.unameV() + "'");
        }
    }

    public ReleaseVersion version() {
        return ReleaseVersion.parse(name);
    }

    /** Whether this release behaves as {@code change} says: it is the release the change came in, or later. */
    public boolean has(ReleaseChange change) {
        return version().compareTo(change.since()) >= 0;
    }

    /** The changes that came in this release, in the order of {@link ReleaseChange}. */
    public List<ReleaseChange> changes() {
        return Arrays.stream(ReleaseChange.values()).filter(c -> c.since().equals(version())).toList();
    }

    /** What the catalogue could not confirm for this release, one line each, for the report. */
    public List<String> unverified() {
        var out = new ArrayList<String>();
        if (!verified) {
            out.add("release and end-of-life dates: " + source);
        }
        if (build.newestPatch().isEmpty()) {
            out.add("newest patch level: no source shows it (" + build.patchSource() + ")");
        } else if (!build.patchVerified()) {
            out.add("newest patch level -p" + build.newestPatch().getAsInt() + ": " + build.patchSource());
        }
        if (!openZfs.verified()) {
            out.add("OpenZFS " + openZfs.version() + ": " + openZfs.source());
        }
        if (openZfs.gitRevision().isEmpty()) {
            out.add("the git revision zfs version prints (shown as " + OpenZfs.UNKNOWN_REVISION + ")");
        }
        changes().stream().filter(c -> !c.verified()).forEach(c -> out.add(c.summary() + ": " + c.source()));
        return out;
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
