package dev.jailspec.freebsd;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The release catalogue: every FreeBSD release jailspec knows, from 14.0 to the newest its
 * sources show, with release and end-of-life dates, {@code uname -v}, the newest patch level,
 * the OpenZFS version and the changes that touch the procedure ({@link ReleaseChange}). The one
 * table preflight, the defaults and the simulator read; {@code docs/releases.md} is rendered from
 * it ({@link ReleaseCatalogueMarkdown}).
 *
 * <p>Sources:
 * <ul>
 *   <li>Dates: the release's signed announcement in freebsd/freebsd-doc
 *       ({@code website/content/en/releases/<N>R/announce.asc}: the "Date:" line and the "Support"
 *       paragraph, which also names the previous point release's end of life).</li>
 *   <li>OpenZFS: the release notes ({@code <N>R/relnotes.adoc}, Contributed Software or ZFS), the
 *       git revision from {@code zfs version} transcripts (freebsd-facts 1.1).</li>
 *   <li>{@code uname -v}: public transcripts of the release's GENERIC kernel (named by their index
 *       ids). 14.1 and later are built reproducibly ({@code FreeBSD 14.1-RELEASE <branch>-n<count>-<hash>
 *       GENERIC}); 14.0's carries the build number, date and builder (sys/conf/newvers.sh VERINFO, whose
 *       newline uname(3) turns into spaces) [UNVERIFIED: newvers.sh read in an unpinned copy].</li>
 *   <li>Patch levels: the newest {@code -pN} seen in a transcript; the security advisories and
 *       errata listed in the release notes give more but not the level each one made.</li>
 * </ul>
 *
 * <p>On 2026-12-03 no 15.2R announcement exists in freebsd-doc.
 */
public final class FreebsdReleases {
    private static final String DOC = "freebsd/freebsd-doc website/content/en/releases/";
    private static final String FACTS_9_2 = "freebsd-facts 9.2 (same announcements, not re-read)";
    private static final String NEWEST_SEEN = "[UNVERIFIED: the newest] the newest patch level seen in a transcript: ";

    private static final List<FreebsdRelease> ALL = List.of(
            new FreebsdRelease("14.0-RELEASE", date("2023-11-20"), date("2024-09-30"), FACTS_9_2, false,
                    new FreebsdRelease.Build("FreeBSD 14.0-RELEASE #0 releng/14.0-n265380-f9716eee8ab4: Fri Nov 10"
                            + " 05:57:23 UTC 2023     root@releng1.nyi.freebsd.org:/usr/obj/usr/src/amd64.amd64/sys/GENERIC",
                            "uname -a transcripts (index ids 27477366382, 5963662249)", OptionalInt.empty(),
                            "no 14.0 patch level was found in a source", false),
                    new FreebsdRelease.OpenZfs("2.2.0", Optional.empty(), "[UNVERIFIED: the 14.0 release notes were"
                            + " not read; 2.2.0 was the OpenZFS 2.2 release when 14.0 shipped]", false)),
            new FreebsdRelease("14.1-RELEASE", date("2024-06-04"), date("2025-03-31"), FACTS_9_2, false,
                    new FreebsdRelease.Build("FreeBSD 14.1-RELEASE releng/14.1-n267679-10e31f0946d8 GENERIC",
                            "uname -a transcripts (index ids 45325069108, 54613692358)", OptionalInt.empty(),
                            "no 14.1 patch level was found in a source", false),
                    new FreebsdRelease.OpenZfs("2.2.4", Optional.empty(), DOC + "14.1R/relnotes.adoc, ZFS: \"upgraded"
                            + " to version 2.2.4\" (src 78c9d8f1ce65)", true)),
            new FreebsdRelease("14.2-RELEASE", date("2024-12-03"), date("2025-09-30"),
                    FACTS_9_2 + "; EoL also in " + DOC + "14.3R/announce.asc", false,
                    new FreebsdRelease.Build("FreeBSD 14.2-RELEASE releng/14.2-n269506-c8918d6c7412 GENERIC",
                            "uname -a transcripts (index ids 11052968751, 27596189578)", OptionalInt.empty(),
                            "no 14.2 patch level was found in a source", false),
                    new FreebsdRelease.OpenZfs("2.2.6", Optional.of("33174af15"),
                            "zfs version transcript (freebsd-facts 1.1)", true)),
            new FreebsdRelease("14.3-RELEASE", date("2025-06-10"), date("2026-06-30"),
                    DOC + "14.3R/announce.asc (Date: June 10, 2025; supported until 30 June, 2026)", true,
                    new FreebsdRelease.Build("FreeBSD 14.3-RELEASE releng/14.3-n271432-8c9ce319fef7 GENERIC",
                            "uname -a transcripts (freebsd-facts 5.2)", OptionalInt.of(5),
                            "[UNVERIFIED] simulator constant, the sim's patch level before the catalogue existed", false),
                    new FreebsdRelease.OpenZfs("2.2.7", Optional.of("e269af1b3"),
                            "zfs version transcript (freebsd-facts 1.1)", true)),
            new FreebsdRelease("14.4-RELEASE", date("2026-03-10"), date("2026-12-31"),
                    DOC + "14.4R/announce.asc (supported until December 31, 2026; says 14.3 ends June 30, 2026);"
                            + " release date from " + FACTS_9_2, false,
                    new FreebsdRelease.Build("FreeBSD 14.4-RELEASE releng/14.4-n273675-a456f852d145 GENERIC",
                            "public build report of FreeBSD-14.4-RELEASE-amd64-BASIC-CI (index id 66486083781)",
                            OptionalInt.of(10), NEWEST_SEEN + "a 14.4-RELEASE-p10 uname -a (index id 71171724981)", false),
                    new FreebsdRelease.OpenZfs("2.2.9", Optional.empty(), DOC + "14.4R/relnotes.adoc, Contributed"
                            + " Software: \"updated to version 2.2.9\" (src 709465f2c4f1)", true)),
            new FreebsdRelease("14.5-RELEASE", date("2026-09-08"), date("2027-06-30"),
                    DOC + "14.5R/announce.asc (Date: September 8, 2026; supported until June 30, 2027)", true,
                    new FreebsdRelease.Build("FreeBSD 14.5-RELEASE releng/14.5-n274872-4099b5c82880 GENERIC",
                            "uname -a of a FreeBSD-14.5-RELEASE-amd64-disc1.iso boot, and kern.version in a test"
                                    + " fixture (index ids 70385426890, 70155700913)", OptionalInt.of(2),
                            "[UNVERIFIED] simulator constant: no 14.5 patch level was found in a source", false),
                    new FreebsdRelease.OpenZfs("2.2.9", Optional.empty(), "[UNVERIFIED: " + DOC + "14.5R/relnotes.adoc"
                            + " names no OpenZFS update, so 14.4's 2.2.9 is assumed]", false)),
            new FreebsdRelease("15.0-RELEASE", date("2025-12-02"), date("2026-09-30"),
                    FACTS_9_2 + "; EoL also in " + DOC + "15.1R/announce.asc", false,
                    new FreebsdRelease.Build("FreeBSD 15.0-RELEASE releng/15.0-n280995-7aedc8de6446 GENERIC",
                            "uname -a transcripts (index ids 39759377432, 54656191930, 52157103501)", OptionalInt.of(5),
                            NEWEST_SEEN + "15.0-RELEASE-p5 releng/15.0-n281018-0730d5233286 (index id 52527952577)",
                            false),
                    new FreebsdRelease.OpenZfs("2.4.0-rc4", Optional.empty(), DOC + "15.0R/relnotes.adoc, Contributed"
                            + " Software: \"updated to zfs-2.4.0-rc4\" (src 7b5b0f43eb06)", true)),
            new FreebsdRelease("15.1-RELEASE", date("2026-06-16"), date("2027-03-31"),
                    DOC + "15.1R/announce.asc (supported until March 31, 2027); release date from " + FACTS_9_2, false,
                    new FreebsdRelease.Build("FreeBSD 15.1-RELEASE releng/15.1-n283562-96841ea08dcf GENERIC",
                            "uname -a transcripts (index ids 70435374841, 62558772487, 58941144137)", OptionalInt.of(3),
                            NEWEST_SEEN + "15.1-RELEASE-p3 releng/15.1-n283611-88e7371d9dc2 on 2026-09-22 (index id"
                                    + " 68460684752)", false),
                    new FreebsdRelease.OpenZfs("2.4.2", Optional.empty(), DOC + "15.1R/relnotes.adoc, Contributed"
                            + " Software: \"updated to version 2.4.2\" (src 409247a6cbd1)", true)));

    private FreebsdReleases() {
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
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

    /** The newest release supported at {@code now}: the sim's default host (provision.RunRelease). */
    public static Optional<FreebsdRelease> newestSupported(Instant now) {
        return supportedAt(now).stream().max(Comparator.comparing(FreebsdRelease::version));
    }

    /** The last day any catalogued release is supported: after it the catalogue has fallen behind. */
    public static LocalDate lastSupportedDay() {
        return ALL.stream().map(FreebsdRelease::endOfLife).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** "14.4-RELEASE (until 2026-12-31), 14.5-RELEASE (until 2027-06-30)": for messages. */
    public static String describeSupported(Instant now) {
        List<FreebsdRelease> supported = supportedAt(now);
        if (supported.isEmpty()) {
            return "none in jailspec's release catalogue";
        }
        return String.join(", ", supported.stream().map(r -> r.name() + " (until " + r.endOfLife() + ")").toList());
    }
}
