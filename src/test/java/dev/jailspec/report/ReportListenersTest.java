package dev.jailspec.report;

import static dev.jailspec.report.TestCommands.cmd;
import static dev.jailspec.report.TestCommands.stdin;
import static dev.jailspec.report.TestCommands.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.TestResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportListenersTest {
    private static final Instant AT = Instant.parse("2025-03-14T09:30:12Z");

    @Test
    void anEarlierMatrixPageIsRemovedSoThisRunsReportDoesNotCarryIt(@TempDir Path reports) throws IOException {
        Files.writeString(reports.resolve("matrix.md"), "# Release matrix\n");
        Files.writeString(reports.resolve("matrix.html"), "<html></html>");
        Files.writeString(reports.resolve("events.jsonl"), "{}\n");
        Files.createDirectories(reports.resolve("cells/freebsd=14.5-RELEASE_rocky=9/allure-results"));
        Files.writeString(reports.resolve("cells/freebsd=14.5-RELEASE_rocky=9/allure-results/x-result.json"), "{}");
        ReportListeners.clearMatrixPage(reports);
        assertThat(reports.resolve("cells")).doesNotExist();
        assertThat(reports.resolve("matrix.md")).doesNotExist();
        assertThat(reports.resolve("matrix.html")).doesNotExist();
        assertThat(reports.resolve("events.jsonl")).exists();
        ReportListeners.clearMatrixPage(reports); // nothing left to remove: no error
    }

    @Test
    void oneCallSubscribesTheLogTheConsoleAndAllure(@TempDir Path dir) throws IOException {
        var bus = new EventBus();
        var console = new ByteArrayOutputStream();
        var results = new InMemoryAllureResults();
        var allure = new AllureLifecycle(results);
        allure.scheduleTestCase(new TestResult().setUuid("t1").setName("scenario"));
        allure.startTestCase("t1");

        try (var listeners = ReportListeners.attach(bus, dir.resolve("reports"),
                new PrintStream(console, true, StandardCharsets.UTF_8), allure)) {
            assertThat(listeners.eventLog()).isEqualTo(dir.resolve("reports/events.jsonl"));
            bus.publish(new CommandStarted(AT, 1, cmd(List.of("true")), "local"));
            bus.publish(new CommandFinished(AT, 1, cmd(List.of("true")), 0, 1, "", "", stdin("")));
        }
        bus.publish(new Note(AT, "after close: nobody listens"));
        allure.stopTestCase("t1");
        allure.writeTestCase("t1");

        assertThat(Files.readAllLines(dir.resolve("reports/events.jsonl"))).hasSize(2);
        assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo("  $ true  -> exit 0 (1 ms)" + System.lineSeparator());
        assertThat(results.tests.get(0).getSteps()).extracting(s -> s.getName()).containsExactly("$ true");
    }
}
