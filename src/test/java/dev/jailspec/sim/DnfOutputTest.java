package dev.jailspec.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DNF's text layout for 80 columns, apart from the commands that print it. */
class DnfOutputTest {
    private static DnfRepoFiles.Repo repo(String id, String name, boolean enabled) {
        var r = new DnfRepoFiles.Repo();
        r.id = id;
        r.name = name;
        r.enabled = enabled;
        return r;
    }

    @Test
    void progressLinesFillTheNameToWhatTheNewlineLeavesOfEightyColumnsAndCutALongOne() {
        String line = DnfOutput.progressLine("Rocky Linux 9 - BaseOS", "6.1 MB/s", "2.3 MB");
        assertThat(line).hasSize(79).startsWith("Rocky Linux 9 - BaseOS ").endsWith(" 6.1 MB/s | 2.3 MB     00:00    ");
        assertThat(DnfOutput.progressLine("x".repeat(100), "6.1 MB/s", "2.3 MB")).hasSize(79)
                .startsWith("x".repeat(47) + " 6.1 MB/s");
    }

    @Test
    void timedeltaIsPythonsStrOfWholeSeconds() {
        assertThat(DnfOutput.timedelta(Duration.ofSeconds(305))).isEqualTo("0:05:05");
        assertThat(DnfOutput.timedelta(Duration.ofSeconds(86400 + 7384))).isEqualTo("1 day, 2:03:04");
        assertThat(DnfOutput.timedelta(Duration.ofDays(3))).isEqualTo("3 days, 0:00:00");
        assertThat(DnfOutput.lastCheck(Instant.parse("2025-06-01T13:04:05Z"), Instant.parse("2025-06-01T13:09:10Z")))
                .isEqualTo("Last metadata expiration check: 0:05:05 ago on Sun 01 Jun 2025 01:04:05 PM UTC.");
    }

    @Test
    void repolistGivesTheIdColumnHalfOfWhatIsSpareAndAddsStatusForAll() {
        List<DnfRepoFiles.Repo> repos = List.of(repo("baseos", "Rocky Linux 9 - BaseOS", true),
                repo("crb", "Rocky Linux 9 - CRB", false));

        List<String> enabled = DnfOutput.repolist(repos.subList(0, 1), false);
        // 80 - (7 + 1) = 72 spare after the id, 22 for the name: the id column gets 25 of the other 50.
        assertThat(enabled).containsExactly(
                String.format("%-32s %s", "repo id", "repo name"),
                String.format("%-32s %s", "baseos", "Rocky Linux 9 - BaseOS"));
        List<String> all = DnfOutput.repolist(repos, true);
        assertThat(all.get(0)).startsWith("repo id").endsWith(" status");
        assertThat(all).hasSize(3).allMatch(l -> l.length() <= 80);
        assertThat(all.get(2)).startsWith("crb ").endsWith(" disabled");
        assertThat(DnfOutput.repolist(List.of(), true)).isEmpty();
    }

    @Test
    void theTransactionTableHasDnfsHeadingsSectionsAndSummary() {
        var curl = new DnfPackageUniverse.Pkg("curl", "7.76.1-31.el9_6.1", "x86_64", "baseos", "294 k", List.of(), List.of());
        var epel = DnfPackageUniverse.AVAILABLE.stream().filter(p -> p.name().equals("epel-release")).findFirst().orElseThrow();

        List<String> table = DnfOutput.transactionTable(List.of(epel), List.of(), List.of(curl));

        assertThat(table.get(0)).isEqualTo("=".repeat(80));
        assertThat(table.get(1)).startsWith(" Package").contains("Architecture").endsWith("Size");
        assertThat(table).containsSubsequence("Installing:", "Upgrading:", "", "Transaction Summary",
                "=".repeat(80), "Install  1 Package", "Upgrade  1 Package", "");
        assertThat(table).filteredOn(l -> l.startsWith(" curl ")).singleElement().asString()
                .contains("x86_64").contains("7.76.1-31.el9_6.1").contains("baseos").endsWith("294 k");
    }

    @Test
    void sizesAreFormattedAsDnfsFormatNumber() {
        assertThat(DnfOutput.formatNumber(500)).isEqualTo("500  ");
        assertThat(DnfOutput.formatNumber(5632)).isEqualTo("5.5 k");
        assertThat(DnfOutput.formatNumber(16 * 1024 + 300)).isEqualTo("16 k");
        assertThat(DnfOutput.formatNumber(1417 * 1024)).isEqualTo("1.4 M");
        var curl = new DnfPackageUniverse.Pkg("curl", "1-1", "x86_64", "baseos", "294 k", List.of(), List.of());
        var tzdata = new DnfPackageUniverse.Pkg("tzdata", "1-1", "noarch", "baseos", "840 k", List.of(), List.of());
        assertThat(DnfOutput.totalDownloadSize(List.of(curl, tzdata))).isEqualTo("Total download size: 1.1 M");
    }
}
