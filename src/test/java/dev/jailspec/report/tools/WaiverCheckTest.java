package dev.jailspec.report.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.Outcome;
import dev.jailspec.report.JsonLinesEventLog;
import dev.jailspec.report.RunContext;
import dev.jailspec.report.Waiver;
import dev.jailspec.report.WaiverFile;
import dev.jailspec.report.WaiverVerdict;
import dev.jailspec.report.cucumberfixture.BusOnlyBridge;
import io.cucumber.core.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The waivers judged on a real Cucumber run of a fixture feature, through the event log as Maven's check reads it. */
class WaiverCheckTest {
    @TempDir
    Path dir;

    private Path runFixture() throws Exception {
        Path feature = dir.resolve("waivers.feature");
        Files.writeString(feature, String.join("\n",
                "Feature: waiver fixture",
                "",
                "  Scenario: a waived scenario that now passes",
                "    Given the bridge fixture passes",
                "",
                "  Scenario: a waived scenario that still fails",
                "    When the bridge fixture fails",
                "",
                "  Scenario: a failure nobody waived",
                "    When the bridge fixture fails",
                ""));
        Path log = dir.resolve("events.jsonl");
        try (var eventLog = new JsonLinesEventLog(log); AutoCloseable sub = RunContext.bus().subscribe(eventLog::on)) {
            byte status = Main.run(new String[] {"--plugin", BusOnlyBridge.class.getName(),
                    "--glue", "dev.jailspec.report.cucumberfixture", "--monochrome", feature.toString()},
                    Thread.currentThread().getContextClassLoader());
            assertThat(status).as("Cucumber itself fails the run").isEqualTo((byte) 1);
        }
        return log;
    }

    @Test
    void knownFailureRemovableWaiverAndUnwaivedFailureFromARealRun() throws Exception {
        Path log = runFixture();
        List<Map.Entry<String, Outcome>> outcomes = WaiverCheck.outcomes(log);
        assertThat(outcomes).extracting(Map.Entry::getValue).containsExactly(Outcome.PASSED, Outcome.FAILED, Outcome.FAILED);

        Path waivers = dir.resolve("waivers.tsv");
        Files.writeString(waivers, "scenario\treason\tticket\texpires\n"
                + "a waived scenario that now passes\twas flaky\thttps://t.example/1\t2027-06-30\n"
                + "a waived scenario that still fails\tupstream bug\thttps://t.example/2\t2027-06-30\n");
        List<Waiver> loaded = WaiverFile.load(waivers);

        WaiverVerdict v = WaiverVerdict.of(loaded, LocalDate.parse("2027-01-15"), outcomes);
        assertThat(v.knownFailures()).extracting(Waiver::scenario).containsExactly("a waived scenario that still fails");
        assertThat(v.removable()).extracting(Waiver::scenario).containsExactly("a waived scenario that now passes");
        assertThat(v.failures()).containsExactly("a failure nobody waived");
        assertThat(v.failsBuild()).isTrue();

        WaiverVerdict later = WaiverVerdict.of(loaded, LocalDate.parse("2027-07-01"), outcomes);
        assertThat(later.expired()).hasSize(2);
    }

    @Test
    void aBrokenLineNamesTheFileTheLineAndWhatToDo() throws Exception {
        Path log = dir.resolve("broken.jsonl");
        // What two writers on one log left: the tail of one line at the start of another.
        Files.writeString(log, "{\"type\":\"RunStarted\",\"at\":\"2027-01-15T00:00:00Z\",\"runId\":\"r\",\"target\":\"sim\"}\n"
                + "ec\":\"sim\"}\n");
        assertThatThrownBy(() -> WaiverCheck.outcomes(log))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(log + " line 2 is not a JSON event")
                .hasMessageContaining("ec\":\"sim\"}")
                .hasMessageContaining("Run the features again");
    }

    @Test
    void aLogWithoutACompleteRunIsRefused() throws Exception {
        Path log = dir.resolve("cut.jsonl");
        Files.writeString(log, "{\"type\":\"RunStarted\",\"at\":\"2027-01-15T00:00:00Z\",\"runId\":\"r\",\"target\":\"sim\"}\n");
        assertThatThrownBy(() -> WaiverCheck.outcomes(log)).hasMessageContaining("has no complete run");
        assertThatThrownBy(() -> WaiverCheck.outcomes(dir.resolve("none.jsonl"))).hasMessageContaining("no event log");
    }

    @Test
    void afterAMatrixRunEveryCellsLogIsJudgedAndACellWithoutOneFails() throws Exception {
        Path log = runFixture();
        Path reports = Files.createDirectories(dir.resolve("reports"));
        for (String cell : List.of("freebsd=14.5-RELEASE_rocky=9", "freebsd=15.1-RELEASE_rocky=9")) {
            Files.copy(log, Files.createDirectories(reports.resolve("cells").resolve(cell)).resolve("events.jsonl"));
        }
        Path single = reports.resolve("events.jsonl");
        assertThat(WaiverCheck.runOutcomes(single)).as("both cells' scenarios").hasSize(6);

        Files.createDirectories(reports.resolve("cells/freebsd=14.5-RELEASE_rocky=10"));
        assertThatThrownBy(() -> WaiverCheck.runOutcomes(single)).hasMessageContaining("no event log")
                .hasMessageContaining("freebsd=14.5-RELEASE_rocky=10");

        Files.copy(log, single);
        assertThat(WaiverCheck.runOutcomes(single)).as("a single run's log, when there is one").hasSize(3);
    }
}
