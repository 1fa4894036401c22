package dev.jailspec.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ci-examples/merge-cells.sh merges the allure-results of several CI jobs, one matrix cell each,
 * into one HTML report with the real Allure command line (unpacked by the pom before the tests).
 * The same scenario in two cells must come out as two results under two parent suites, not as one
 * result retried.
 */
class MergeCellsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoCellsOfTheSameScenarioMergeIntoOneReportWithTwoResults(@TempDir Path dir) throws Exception {
        Path cells = dir.resolve("cells");
        writeCell(cells.resolve("cell-freebsd-14.4-rocky-9/allure-results"), MatrixCell.of("14.4-RELEASE", "rocky", "9"), Status.PASSED);
        writeCell(cells.resolve("cell-freebsd-15.0-rocky-10/allure-results"), MatrixCell.of("15.0-RELEASE", "rocky", "10"), Status.FAILED);
        Files.createDirectories(cells.resolve("cell-freebsd-15.0-rocky-10/transcripts"));
        Files.writeString(cells.resolve("cell-freebsd-15.0-rocky-10/transcripts/0001-jls"), "jls\n# exit: 0\n");

        Path out = dir.resolve("merged");
        Process merge = mergeCells(cells, out).redirectOutput(dir.resolve("merge.log").toFile()).start();
        assertThat(merge.waitFor(180, TimeUnit.SECONDS)).as("merge-cells.sh finished").isTrue();
        String log = Files.readString(dir.resolve("merge.log"), StandardCharsets.UTF_8);
        assertThat(merge.exitValue()).as("merge-cells.sh exit status; its output:\n%s", log).isZero();

        JsonNode summary = JSON.readTree(out.resolve("allure-report/widgets/summary.json").toFile());
        assertThat(summary.at("/statistic/total").asInt()).as("results in the merged report").isEqualTo(2);
        assertThat(summary.at("/statistic/passed").asInt()).isEqualTo(1);
        assertThat(summary.at("/statistic/failed").asInt()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("allure-report/data/suites.json")))
                .contains("FreeBSD 14.4-RELEASE, Rocky 9").contains("FreeBSD 15.0-RELEASE, Rocky 10");
        assertThat(out.resolve("transcripts/cell-freebsd-15.0-rocky-10/0001-jls")).hasContent("jls\n# exit: 0");
    }

    @Test
    void aCellDirectoryWithoutResultsIsNamedAndNothingElseFails(@TempDir Path dir) throws Exception {
        Path cells = Files.createDirectories(dir.resolve("cells/cell-broken"));
        Process merge = mergeCells(cells.getParent(), dir.resolve("merged")).start();
        String out = new String(merge.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(merge.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(merge.exitValue()).isEqualTo(1);
        assertThat(out).contains("cell-broken has no allure-results").contains("no cell in");
    }

    /** One cell's run of one scenario, as allure-cucumber7-jvm and {@link MatrixCell} write it. */
    private static void writeCell(Path results, MatrixCell cell, Status status) throws IOException {
        Files.createDirectories(results);
        AllureLifecycle allure = new AllureLifecycle(new FileSystemResultsWriter(results));
        String uuid = UUID.randomUUID().toString();
        allure.scheduleTestCase(new TestResult().setUuid(uuid).setName("The jail runs")
                .setFullName("Start and verify: The jail runs").setHistoryId("same-scenario").setLabels(new ArrayList<>()));
        allure.startTestCase(uuid);
        cell.markCurrentScenario(allure, false);
        allure.updateTestCase(uuid, tc -> tc.setStatus(status));
        allure.stopTestCase(uuid);
        allure.writeTestCase(uuid);
    }

    /** merge-cells.sh with the Allure command line the pom unpacked before the tests, if there is one (else it fetches it). */
    private static ProcessBuilder mergeCells(Path cells, Path out) throws IOException {
        ProcessBuilder merge = new ProcessBuilder("sh", "ci-examples/merge-cells.sh", cells.toString(), out.toString())
                .redirectErrorStream(true);
        Path unpacked = Path.of("target/allure-commandline");
        if (Files.isDirectory(unpacked)) {
            try (Stream<Path> homes = Files.list(unpacked)) {
                homes.map(h -> h.resolve("bin/allure")).filter(Files::isExecutable).findFirst()
                        .ifPresent(allure -> merge.environment().put("ALLURE", allure.toAbsolutePath().toString()));
            }
        }
        return merge;
    }
}
