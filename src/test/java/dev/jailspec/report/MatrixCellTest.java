package dev.jailspec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MatrixCellTest {
    private final InMemoryAllureResults results = new InMemoryAllureResults();
    private final AllureLifecycle allure = new AllureLifecycle(results);

    @Test
    void theSameScenarioInTwoCellsIsTwoResultsWithTheirOwnHistory() {
        TestResult in14 = runScenario(MatrixCell.of("14.5-RELEASE", "rocky", "9"));
        TestResult in15 = runScenario(MatrixCell.of("15.0-RELEASE", "rocky", "10"));
        TestResult in14Again = runScenario(MatrixCell.of("14.5-RELEASE", "rocky", "9"));

        assertThat(in14.getHistoryId()).isNotEqualTo(in15.getHistoryId()).isNotEqualTo("plugin-history-id");
        assertThat(in14Again.getHistoryId()).as("the same cell keeps its history from run to run")
                .isEqualTo(in14.getHistoryId());
        assertThat(in15.getParameters()).extracting(Parameter::getName, Parameter::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("FreeBSD", "15.0-RELEASE"),
                        org.assertj.core.groups.Tuple.tuple("Rocky", "10"));
        assertThat(in15.getLabels()).filteredOn(l -> l.getName().equals(ResultsUtils.PARENT_SUITE_LABEL_NAME))
                .extracting(Label::getValue).containsExactly("FreeBSD 15.0-RELEASE, Rocky 10");
    }

    @Test
    void theHostACellRanOnIsAParameterOutsideItsTitleAndHistory() {
        TestResult onA = runScenario(MatrixCell.of("14.5-RELEASE", "rocky", "9").onHost("ssh://root@192.0.2.10"));
        TestResult onB = runScenario(MatrixCell.of("14.5-RELEASE", "rocky", "9").withAxis("Host", "15.1-RELEASE")
                .onHost("ssh://root@192.0.2.11"));
        TestResult onNone = runScenario(MatrixCell.of("14.5-RELEASE", "rocky", "9"));

        assertThat(onA.getParameters()).extracting(Parameter::getName, Parameter::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple(MatrixCell.HOST_PARAMETER, "ssh://root@192.0.2.10"));
        assertThat(onB.getParameters()).extracting(Parameter::getName).containsExactly("FreeBSD", "Rocky", "Host",
                MatrixCell.HOST_PARAMETER);
        assertThat(onA.getHistoryId()).as("the same cell on another host is the same cell").isEqualTo(onNone.getHistoryId());
        assertThat(onA.getLabels()).filteredOn(l -> l.getName().equals(ResultsUtils.PARENT_SUITE_LABEL_NAME))
                .extracting(Label::getValue).containsExactly("FreeBSD 14.5-RELEASE, Rocky 9");
    }

    @Test
    void inAMatrixRunEachResultLinksToTheMatrixPage() {
        TestResult linked = runScenario(MatrixCell.of("14.5-RELEASE", "rocky", "9"), true);
        TestResult single = runScenario(MatrixCell.of("14.5-RELEASE", "rocky", "9"), false);
        assertThat(linked.getLinks()).extracting(l -> l.getName(), l -> l.getUrl())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("release matrix", "matrix.html"));
        assertThat(single.getLinks()).isEmpty();
    }

    @Test
    void outsideARunningScenarioItSaysWhereToCallIt() {
        assertThatThrownBy(() -> MatrixCell.of("14.5-RELEASE", "rocky", "9").markCurrentScenario(allure, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("from a Cucumber hook");
    }

    @Test
    void aBlankAxisIsRefused() {
        assertThatThrownBy(() -> MatrixCell.of("14.5-RELEASE", "rocky", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> new MatrixCell(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private TestResult runScenario(MatrixCell cell) {
        return runScenario(cell, false);
    }

    private TestResult runScenario(MatrixCell cell, boolean linkMatrix) {
        String uuid = UUID.randomUUID().toString();
        // Unmodifiable lists, as allure-cucumber7-jvm's results may hold.
        allure.scheduleTestCase(new TestResult().setUuid(uuid).setName("The jail runs").setHistoryId("plugin-history-id")
                .setLabels(List.of(new Label().setName(ResultsUtils.PARENT_SUITE_LABEL_NAME).setValue("x")))
                .setParameters(List.of()).setLinks(List.of()));
        allure.startTestCase(uuid);
        cell.markCurrentScenario(allure, linkMatrix);
        allure.stopTestCase(uuid);
        allure.writeTestCase(uuid);
        return results.tests.get(results.tests.size() - 1);
    }
}
