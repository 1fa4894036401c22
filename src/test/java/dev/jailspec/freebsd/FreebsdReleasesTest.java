package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
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
    void theSimsDefaultIsTheNewestSupportedReleaseOfA_lineWithKnownVersionStrings() {
        assertThat(FreebsdReleases.newestSupportedWithBuild(DEC_3_2026, 14)).map(FreebsdRelease::name)
                .contains("14.5-RELEASE");
        assertThat(FreebsdReleases.newestSupportedWithBuild(Instant.parse("2026-01-15T00:00:00Z"), 14))
                .map(FreebsdRelease::name).as("before 14.4 came out").contains("14.3-RELEASE");
        assertThat(FreebsdReleases.newestSupportedWithBuild(DEC_3_2026, 15)).as("15.1's build tag is not sourced")
                .isEmpty();
        assertThat(FreebsdReleases.newestSupportedWithBuild(Instant.parse("2027-07-01T00:00:00Z"), 14)).isEmpty();
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
            r.build().ifPresent(b -> assertThat(b.unameTag()).as(r.name())
                    .startsWith("releng/" + r.version().major() + "." + r.version().minor() + "-n"));
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
        assertThatThrownBy(() -> new FreebsdRelease("14.5-RELEASE", LocalDate.of(2027, 1, 1), LocalDate.of(2026, 1, 1),
                "x", true, Optional.empty())).hasMessageContaining("end of life 2026-01-01 before release 2027-01-01");
        assertThatThrownBy(() -> new FreebsdRelease("14.5-RELEASE-p1", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1),
                "x", true, Optional.empty())).hasMessageContaining("a release name looks like 14.5-RELEASE");
    }
}
