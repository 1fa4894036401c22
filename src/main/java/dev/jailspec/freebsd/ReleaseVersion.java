package dev.jailspec.freebsd;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FreeBSD version string as freebsd-version(1) and {@code uname -r} print it:
 * {@code 14.3-RELEASE}, {@code 14.3-RELEASE-p2}, {@code 15.0-CURRENT}, {@code 15.0-BETA3},
 * {@code 14.3-STABLE} (freebsd-facts 5.2).
 *
 * <p>Ordered by major, minor, branch stage (CURRENT, ALPHA, BETA, PRERELEASE, RC, RELEASE,
 * STABLE, with the ALPHA/BETA/RC number), then patch level. The order serves checks such as
 * "the jail's userland is not newer than the host" (handbook tip, facts 4.4); it does not know
 * when a -STABLE branch was cut.
 */
public record ReleaseVersion(int major, int minor, String branch, int patch) implements Comparable<ReleaseVersion> {
    private static final Pattern FORMAT = Pattern.compile(
            "(\\d+)\\.(\\d+)-(CURRENT|STABLE|RELEASE|PRERELEASE|(?:ALPHA|BETA|RC)\\d*)(?:-p(\\d+))?");
    private static final Pattern STAGE = Pattern.compile("([A-Z]+?)(\\d*)");
    private static final List<String> STAGES =
            List.of("CURRENT", "ALPHA", "BETA", "PRERELEASE", "RC", "RELEASE", "STABLE");
    private static final Comparator<ReleaseVersion> ORDER = Comparator
            .comparingInt(ReleaseVersion::major)
            .thenComparingInt(ReleaseVersion::minor)
            .thenComparingInt(v -> stageRank(v.branch))
            .thenComparingInt(v -> stageNumber(v.branch))
            .thenComparingInt(ReleaseVersion::patch);

    public ReleaseVersion {
        Objects.requireNonNull(branch, "branch");
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version part");
        }
    }

    public static ReleaseVersion parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a FreeBSD version (like 14.3-RELEASE-p2): '" + text + "'");
        }
        return new ReleaseVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3),
                m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
    }

    public boolean isRelease() {
        return branch.equals("RELEASE");
    }

    /**
     * Whether this is a later release than {@code other}, by major and minor only: a 15.0 or 14.5 userland
     * is newer than a 14.4-RELEASE-p3 kernel, a 14.4-RELEASE one is not. The check of "the FreeBSD version
     * running in the jail can not be newer than the version running in the host" (Handbook, jails;
     * freebsd-facts 4.4), for preflight, the release matrix and the simulator alike.
     */
    public boolean isNewerReleaseThan(ReleaseVersion other) {
        return major > other.major || major == other.major && minor > other.minor;
    }

    /** The Handbook's words on a jail newer than its host, quoted wherever that is refused. */
    public static final String JAIL_NOT_NEWER_THAN_HOST =
            "The FreeBSD version running in the jail can not be newer than the version running in the host";

    /** {@code 14.3-RELEASE} without the patch level: the name of the release's distribution sets. */
    public String withoutPatch() {
        return major + "." + minor + "-" + branch;
    }

    @Override
    public int compareTo(ReleaseVersion o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return withoutPatch() + (patch > 0 ? "-p" + patch : "");
    }

    private static int stageRank(String branch) {
        Matcher m = STAGE.matcher(branch);
        return m.matches() ? STAGES.indexOf(m.group(1)) : -1;
    }

    private static int stageNumber(String branch) {
        Matcher m = STAGE.matcher(branch);
        return m.matches() && !m.group(2).isEmpty() ? Integer.parseInt(m.group(2)) : 0;
    }
}
