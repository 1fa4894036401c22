package dev.jailspec.report.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateAllureReportTest {
    @TempDir
    Path dir;

    @Test
    void thePreviousReportsHistoryIsCarriedIntoTheResults() throws IOException {
        Path report = dir.resolve("allure-report");
        Path results = dir.resolve("allure-results");
        Files.createDirectories(report.resolve("history"));
        Files.writeString(report.resolve("history/history-trend.json"), "[{\"data\":{\"passed\":15}}]");
        Files.writeString(report.resolve("history/history.json"), "{}");
        Files.createDirectories(results.resolve("history"));
        Files.writeString(results.resolve("history/history.json"), "stale");

        assertThat(GenerateAllureReport.carryHistory(report, results)).isEqualTo(2);
        assertThat(results.resolve("history/history-trend.json")).hasContent("[{\"data\":{\"passed\":15}}]");
        assertThat(results.resolve("history/history.json")).hasContent("{}");
        assertThat(GenerateAllureReport.carryHistory(dir.resolve("no-report"), results)).isZero();
    }

    @Test
    void onlyResultsNewerThanTheReportMakeANewOne() throws IOException {
        Path report = Files.createDirectories(dir.resolve("allure-report"));
        Path results = Files.createDirectories(dir.resolve("allure-results"));
        assertThat(GenerateAllureReport.hasResults(results)).isFalse();
        Path result = Files.writeString(results.resolve("abc-result.json"), "{}");
        assertThat(GenerateAllureReport.hasResults(results)).isTrue();
        assertThat(GenerateAllureReport.upToDate(results, report)).as("no report yet").isFalse();

        Path index = Files.writeString(report.resolve("index.html"), "<html>");
        Files.setLastModifiedTime(result, FileTime.from(Instant.parse("2025-03-14T09:00:00Z")));
        Files.setLastModifiedTime(index, FileTime.from(Instant.parse("2025-03-14T10:00:00Z")));
        assertThat(GenerateAllureReport.upToDate(results, report)).isTrue();

        Files.setLastModifiedTime(result, FileTime.from(Instant.parse("2025-03-14T11:00:00Z")));
        assertThat(GenerateAllureReport.upToDate(results, report)).isFalse();
    }

    @Test
    void withoutResultsNoReportIsMadeAndNothingIsRun() throws Exception {
        assertThat(GenerateAllureReport.generate(dir.resolve("no-allure"), dir.resolve("empty"), dir.resolve("report")))
                .isFalse();
        assertThat(dir.resolve("report")).doesNotExist();
    }
}
