package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FreebsdReleasesTest {
    private static final Instant DEC_3_2026 = Instant.parse("2026-12-03T00:00:00Z");

    @Test
    void onTheIssuesDateThreeReleasesAreSupportedAnd14_3IsNot() {
        assertThat(FreebsdReleases.supportedAt(DEC_3_2026)).extracting(FreebsdRelease::name)
                .containsExactly("14.4-RELEASE", "14.5-RELEASE", "15.1-RELEASE");
        assertThat(FreebsdReleases.find("14.3-RELEASE").orElseThrow().isPastEndOfLife(DEC_3_2026)).isTrue();
        assertThat(FreebsdReleases.describeSupported(DEC_3_2026)).isEqualTo(
                "14.4-RELEASE (until 2026-12-31), 14.5-RELEASE (until 2027-06-30), 15.1-RELEASE (until 2027-03-31)");
    }

    @Test
    void theNewestSupportedReleaseFollowsTheClockAcrossBothLines() {
        assertThat(FreebsdReleases.newestSupported(DEC_3_2026)).map(FreebsdRelease::name).contains("15.1-RELEASE");
        assertThat(FreebsdReleases.newestSupported(Instant.parse("2026-01-15T00:00:00Z")))
                .map(FreebsdRelease::name).as("before 14.4 and 15.1 came out").contains("15.0-RELEASE");
        assertThat(FreebsdReleases.newestSupported(Instant.parse("2027-04-01T00:00:00Z")))
                .map(FreebsdRelease::name).as("after 15.1's end of life").contains("14.5-RELEASE");
        assertThat(FreebsdReleases.newestSupported(Instant.parse("2027-07-01T00:00:00Z"))).as("the catalogue is behind")
                .isEmpty();
        assertThat(FreebsdReleases.lastSupportedDay()).isEqualTo(LocalDate.of(2027, 6, 30));
    }

    @Test
    void everyReleaseFrom14_0To15_1IsCataloguedWithItsUnameAndOpenZfs() {
        assertThat(FreebsdReleases.all()).extracting(FreebsdRelease::name).containsExactly("14.0-RELEASE",
                "14.1-RELEASE", "14.2-RELEASE", "14.3-RELEASE", "14.4-RELEASE", "14.5-RELEASE", "15.0-RELEASE",
                "15.1-RELEASE");
        assertThat(FreebsdReleases.find("14.3-RELEASE").orElseThrow().openZfs().versionOutput())
                .as("freebsd-facts 1.1 transcript").isEqualTo("zfs-2.2.7-FreeBSD_ge269af1b3\nzfs-kmod-2.2.7-FreeBSD_ge269af1b3\n");
        assertThat(FreebsdReleases.find("15.1-RELEASE").orElseThrow().openZfs().versionOutput())
                .as("no transcript shows 15.1's revision").isEqualTo(
                        "zfs-2.4.2-FreeBSD_g[UNVERIFIED]\nzfs-kmod-2.4.2-FreeBSD_g[UNVERIFIED]\n");
        assertThat(FreebsdReleases.find("14.0-RELEASE").orElseThrow().build().unameV())
                .as("14.0 was not built reproducibly").contains("#0 releng/14.0-n265380-f9716eee8ab4: Fri Nov 10");
    }

    @Test
    void the15_0ChangesBelongTo15_0AndEveryLaterReleaseBehavesSo() {
        FreebsdRelease r150 = FreebsdReleases.find("15.0-RELEASE").orElseThrow();
        FreebsdRelease r145 = FreebsdReleases.find("14.5-RELEASE").orElseThrow();
        FreebsdRelease r151 = FreebsdReleases.find("15.1-RELEASE").orElseThrow();

        assertThat(r150.changes()).contains(ReleaseChange.IFCONFIG_REQUIRES_NETMASK,
                ReleaseChange.BRIDGE_MEMBER_NO_ADDRESSES, ReleaseChange.PKGBASE_REPOSITORY);
        assertThat(r151.has(ReleaseChange.BRIDGE_MEMBER_NO_ADDRESSES)).isTrue();
        assertThat(r151.changes()).containsExactly(ReleaseChange.JAIL_ALLOW_VMM_PPT);
        assertThat(r145.has(ReleaseChange.BRIDGE_MEMBER_NO_ADDRESSES)).as("14.5 came after 15.0 but is 14.x").isFalse();
    }

    @Test
    void whatCouldNotBeConfirmedIsListedForTheReport() {
        assertThat(FreebsdReleases.find("15.0-RELEASE").orElseThrow().unverified())
                .anyMatch(u -> u.startsWith("release and end-of-life dates: freebsd-facts 9.2"))
                .anyMatch(u -> u.startsWith("newest patch level -p5: [UNVERIFIED: the newest]"))
                .anyMatch(u -> u.startsWith("the git revision zfs version prints"))
                .anyMatch(u -> u.startsWith("ifconfig refuses an IPv4 address without a netmask"));
        assertThat(FreebsdReleases.find("14.1-RELEASE").orElseThrow().unverified())
                .anyMatch(u -> u.startsWith("newest patch level: no source shows it"));
    }

    @Test
    void aPatchLevelIsIgnoredAndAnUnknownOrMalformedNameIsEmpty() {
        assertThat(FreebsdReleases.find("14.5-RELEASE-p2")).map(FreebsdRelease::name).contains("14.5-RELEASE");
        assertThat(FreebsdReleases.find("15.2-RELEASE")).isEmpty();
        assertThat(FreebsdReleases.find("not a release")).isEmpty();
    }

    @Test
    void eachAnnouncementsPreviousReleaseEndsBeforeTheNextOneAndEveryEntryNamesItsSource() {
        for (FreebsdRelease r : FreebsdReleases.all()) {
            assertThat(r.source()).as(r.name()).isNotBlank();
            assertThat(r.endOfLife()).as(r.name()).isAfter(r.released());
            assertThat(r.build().unameV()).as(r.name())
                    .contains(" releng/" + r.version().major() + "." + r.version().minor() + "-n");
            assertThat(r.openZfs().source()).as(r.name()).isNotBlank();
        }
        // 14.4R/announce.asc: "FreeBSD 14.3-RELEASE, will reach its End of Life at June 30, 2026"
        assertThat(FreebsdReleases.find("14.3-RELEASE").orElseThrow().endOfLife()).isEqualTo(LocalDate.of(2026, 6, 30));
        // 14.5R/announce.asc: "FreeBSD 14.4-RELEASE, will reach its End of Life at December 31, 2026"
        assertThat(FreebsdReleases.find("14.4-RELEASE").orElseThrow().endOfLife()).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void theEndOfLifeIsTheStartOfTheEolDayInUtcAsFreebsdUpdatesEoltime() {
        FreebsdRelease r = FreebsdReleases.find("14.3-RELEASE").orElseThrow();

        assertThat(r.endOfLifeInstant()).isEqualTo(Instant.parse("2026-06-30T00:00:00Z"));
        assertThat(r.isPastEndOfLife(Instant.parse("2026-06-30T00:00:00Z"))).as("EOLTIME -lt NOWTIME is strict").isFalse();
        assertThat(r.isPastEndOfLife(Instant.parse("2026-06-30T00:00:01Z"))).isTrue();
    }

    @Test
    void aRecordWithoutSenseIsRefused() {
        FreebsdRelease.Build build = new FreebsdRelease.Build("FreeBSD 14.5-RELEASE releng/14.5-n1-abc GENERIC", "x",
                OptionalInt.empty(), "x", false);
        FreebsdRelease.OpenZfs zfs = new FreebsdRelease.OpenZfs("2.2.9", Optional.empty(), "x", false);
        assertThatThrownBy(() -> new FreebsdRelease("14.5-RELEASE", LocalDate.of(2027, 1, 1), LocalDate.of(2026, 1, 1),
                "x", true, build, zfs)).hasMessageContaining("end of life 2026-01-01 before release 2027-01-01");
        assertThatThrownBy(() -> new FreebsdRelease("14.5-RELEASE-p1", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1),
                "x", true, build, zfs)).hasMessageContaining("a release name looks like 14.5-RELEASE");
        assertThatThrownBy(() -> new FreebsdRelease("14.4-RELEASE", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1),
                "x", true, build, zfs)).hasMessageContaining("uname -v starts with 'FreeBSD 14.4-RELEASE '");
        assertThatThrownBy(() -> new FreebsdRelease.OpenZfs("2.4", Optional.empty(), "x", true))
                .hasMessageContaining("2.2.7 or 2.4.0-rc4");
    }
}
