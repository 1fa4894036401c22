package dev.jailspec.freebsd;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The FreeBSD releases jailspec knows, with their release and end-of-life dates, each from the
 * release's signed announcement in freebsd/freebsd-doc
 * ({@code website/content/en/releases/<N>R/announce.asc}: the "Date:" line and the "Support"
 * paragraph, which also names the previous point release's end of life). The one table both
 * preflight and the simulator read; a release catalogue grows here (patch levels, OpenZFS
 * versions, version strings).
 *
 * <p>On 2026-12-03 no 15.2R announcement exists in freebsd-doc.
 */
public final class FreebsdReleases {
    private static final String DOC = "freebsd/freebsd-doc website/content/en/releases/";
    private static final String FACTS_9_2 = "freebsd-facts 9.2 (same announcements, not re-read)";

    private static final List<FreebsdRelease> ALL = List.of(
            release("14.0-RELEASE", "2023-11-20", "2024-09-30", FACTS_9_2, false),
            release("14.1-RELEASE", "2024-06-04", "2025-03-31", FACTS_9_2, false),
            release("14.2-RELEASE", "2024-12-03", "2025-09-30",
                    FACTS_9_2 + "; EoL also in " + DOC + "14.3R/announce.asc", false),
            new FreebsdRelease("14.3-RELEASE", LocalDate.parse("2025-06-10"), LocalDate.parse("2026-06-30"),
                    DOC + "14.3R/announce.asc (Date: June 10, 2025; supported until 30 June, 2026)", true,
                    Optional.of(new FreebsdRelease.Build("releng/14.3-n271432-8c9ce319fef7",
                            "uname -a transcripts (freebsd-facts 5.2)", 5,
                            "[UNVERIFIED] simulator constant, the sim's patch level before this table existed"))),
            new FreebsdRelease("14.4-RELEASE", LocalDate.parse("2026-03-10"), LocalDate.parse("2026-12-31"),
                    DOC + "14.4R/announce.asc (supported until December 31, 2026; says 14.3 ends June 30, 2026);"
                            + " release date from " + FACTS_9_2, false,
                    Optional.of(new FreebsdRelease.Build("releng/14.4-n273675-a456f852d145",
                            "public build report of FreeBSD-14.4-RELEASE-amd64-BASIC-CI (index id 66486083781)", 10,
                            "[UNVERIFIED: the newest] a 14.4-RELEASE-p10 uname -a transcript (index id 71171724981)"))),
            new FreebsdRelease("14.5-RELEASE", LocalDate.parse("2026-09-08"), LocalDate.parse("2027-06-30"),
                    DOC + "14.5R/announce.asc (Date: September 8, 2026; supported until June 30, 2027)", true,
                    Optional.of(new FreebsdRelease.Build("releng/14.5-n274872-4099b5c82880",
                            "uname -a of a FreeBSD-14.5-RELEASE-amd64-disc1.iso boot, and kern.version in a test"
                                    + " fixture (index ids 70385426890, 70155700913)", 2,
                            "[UNVERIFIED] simulator constant: no 14.5 patch level was found in a source"))),
            release("15.0-RELEASE", "2025-12-02", "2026-09-30",
                    FACTS_9_2 + "; EoL also in " + DOC + "15.1R/announce.asc", false),
            release("15.1-RELEASE", "2026-06-16", "2027-03-31",
                    DOC + "15.1R/announce.asc (supported until March 31, 2027); release date from " + FACTS_9_2, false));

    private FreebsdReleases() {
    }

    private static FreebsdRelease release(String name, String released, String eol, String source, boolean verified) {
        return new FreebsdRelease(name, LocalDate.parse(released), LocalDate.parse(eol), source, verified, Optional.empty());
    }

    /** Every known release, oldest first. */
    public static List<FreebsdRelease> all() {
        return ALL;
    }

    /** The release named {@code name} ({@code 14.5-RELEASE}; a patch level such as -p2 is ignored). */
    public static Optional<FreebsdRelease> find(String name) {
        String bare;
        try {
            bare = ReleaseVersion.parse(name).withoutPatch();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return ALL.stream().filter(r -> r.name().equals(bare)).findFirst();
    }

    /** The releases supported at {@code now}, oldest first. */
    public static List<FreebsdRelease> supportedAt(Instant now) {
        return ALL.stream().filter(r -> r.isSupported(now)).toList();
    }

    /** The newest release of {@code major} supported at {@code now} whose version strings are known. */
    public static Optional<FreebsdRelease> newestSupportedWithBuild(Instant now, int major) {
        return supportedAt(now).stream()
                .filter(r -> r.version().major() == major && r.build().isPresent())
                .max(Comparator.comparing(FreebsdRelease::version));
    }

    /** "14.4-RELEASE (until 2026-12-31), 14.5-RELEASE (until 2027-06-30)": for messages. */
    public static String describeSupported(Instant now) {
        List<FreebsdRelease> supported = supportedAt(now);
        if (supported.isEmpty()) {
            return "none in jailspec's release table";
        }
        return String.join(", ", supported.stream().map(r -> r.name() + " (until " + r.endOfLife() + ")").toList());
    }
}
