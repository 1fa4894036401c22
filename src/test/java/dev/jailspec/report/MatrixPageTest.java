package dev.jailspec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.report.MatrixPage.Cell;
import dev.jailspec.report.MatrixPage.CellStatus;
import dev.jailspec.report.MatrixPage.ScenarioResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MatrixPageTest {
    private final MatrixPage page = new MatrixPage(List.of(
            new Cell("freebsd=14.4-RELEASE rocky=9", CellStatus.PASSED, Optional.empty(), List.of(
                    new ScenarioResult("Thin jail", "The jail runs", "passed", "u1"),
                    new ScenarioResult("Rocky userland", "dnf works", "passed", "u2"))),
            new Cell("freebsd=14.5-RELEASE rocky=9", CellStatus.FAILED, Optional.empty(), List.of(
                    new ScenarioResult("Thin jail", "The jail runs", "passed", "u3"),
                    new ScenarioResult("Rocky userland", "dnf works", "failed", "u4"))),
            new Cell("freebsd=14.5-RELEASE rocky=9 host=14.4-RELEASE", CellStatus.NOT_APPLICABLE,
                    Optional.of("a jail cannot run a newer FreeBSD than its host"), List.of())));

    @Test
    void markdownShowsCellsTimesScenariosWithNotApplicableAndItsReason() {
        assertThat(page.markdown())
                .contains("3 cells: 1 passed, 1 failed, 1 not applicable.")
                .contains("- **freebsd=14.5-RELEASE rocky=9 host=14.4-RELEASE**: not applicable: a jail cannot run a newer"
                        + " FreeBSD than its host")
                .contains("| Thin jail | The jail runs | passed | passed | n/a |")
                .contains("| Rocky userland | dnf works | passed | failed | n/a |");
        assertThat(page.failedCells()).containsExactly("freebsd=14.5-RELEASE rocky=9");
    }

    @Test
    void htmlLinksEachEntryToItsResultInTheReport() {
        assertThat(page.html())
                .contains("<a href=\"index.html#testresult/u4\">failed</a>")
                .contains("<td class=\"na\" title=\"a jail cannot run a newer FreeBSD than its host\">n/a</td>")
                .contains("<li class=\"cell\" data-status=\"not_applicable\">freebsd=14.5-RELEASE rocky=9 host=14.4-RELEASE:"
                        + " not applicable: a jail cannot run a newer FreeBSD than its host</li>")
                .contains("failed (1 of 2 scenarios did not pass)");
    }

    @Test
    void overSeveralHostsEachCellNamesItsHostAndAHostThatDroppedOut() {
        var spread = new MatrixPage(List.of(
                new Cell("freebsd=15.1-RELEASE rocky=9", CellStatus.PASSED, Optional.empty(), List.of(
                        new ScenarioResult("Thin jail", "The jail runs", "passed", "u1")), Optional.of("ssh://root@a")),
                new Cell("freebsd=15.1-RELEASE rocky=10", CellStatus.FAILED, Optional.of("its host dropped out: Connection"
                        + " refused"), List.of(new ScenarioResult("Thin jail", "The jail runs", "broken", "u2")),
                        Optional.of("ssh://root@b")),
                new Cell("freebsd=14.5-RELEASE rocky=9", CellStatus.FAILED, Optional.of("not run: every host dropped out"),
                        List.of(), Optional.empty())));

        assertThat(spread.markdown())
                .contains("- **freebsd=15.1-RELEASE rocky=9** ran on ssh://root@a")
                .contains("- **freebsd=15.1-RELEASE rocky=10**: its host dropped out: Connection refused")
                .contains("- **freebsd=15.1-RELEASE rocky=10** ran on ssh://root@b")
                .contains("- **freebsd=14.5-RELEASE rocky=9**: not run: every host dropped out")
                .contains("| Thin jail | The jail runs | passed | broken | - |");
        assertThat(spread.html())
                .contains("<li class=\"cell\" data-status=\"passed\" data-host=\"ssh://root@a\">freebsd=15.1-RELEASE"
                        + " rocky=9: passed (1 scenarios) on ssh://root@a</li>")
                .contains("failed (1 of 1 scenarios did not pass) on ssh://root@b: its host dropped out: Connection refused");
        assertThat(spread.failedCells()).containsExactly("freebsd=15.1-RELEASE rocky=10", "freebsd=14.5-RELEASE rocky=9");
    }

    @Test
    void aCellThatIsNotApplicableMustSayWhy() {
        assertThatThrownBy(() -> new Cell("x", CellStatus.NOT_APPLICABLE, Optional.empty(), List.of()))
                .hasMessageContaining("says why");
    }

    @Test
    void textIsEscaped() {
        var odd = new MatrixPage(List.of(new Cell("c", CellStatus.PASSED, Optional.empty(),
                List.of(new ScenarioResult("a|b", "<x> & \"y\"", "passed", "u")))));
        assertThat(odd.html()).contains("&lt;x&gt; &amp; &quot;y&quot;").doesNotContain("<x>");
        assertThat(odd.markdown()).contains("a\\|b");
    }
}
