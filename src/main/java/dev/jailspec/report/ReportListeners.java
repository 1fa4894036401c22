package dev.jailspec.report;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.EventSubscriber;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import java.io.PrintStream;
import java.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;

/**
 * The report listeners of a run, subscribed in one call: the JSON-lines event log
 * ({@code <reports>/events.jsonl}), the console reporter with progress of long activities, the
 * Allure bridge and Allure's run files (environment, executor, categories), and the runbook
 * ({@code <reports>/runbook.md}, {@code <reports>/runbook/*.sh}).
 * {@link #close()} unsubscribes them and closes the log; the log is flushed per line and the
 * runbook rewritten after each scenario, so a run that never gets to close loses nothing.
 */
public final class ReportListeners implements AutoCloseable {
    public static final String EVENT_LOG = "events.jsonl";
    public static final String ALLURE_RESULTS = "allure-results";

    private final JsonLinesEventLog eventLog;
    private final ProgressReporter progress;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    private ReportListeners(EventBus bus, JsonLinesEventLog eventLog, ProgressReporter progress,
                            List<EventSubscriber> subscribers) {
        this.eventLog = eventLog;
        this.progress = progress;
        subscriptions.add(bus.subscribe(eventLog));
        subscribers.forEach(s -> subscriptions.add(bus.register(s)));
    }

    /**
     * For the test glue: {@code ReportListeners.attach(RunContext.bus(), Path.of("reports"))}. Progress
     * redraws one status line when stdout is a terminal, and prints a line every few seconds otherwise.
     */
    public static ReportListeners attach(EventBus bus, Path reportsDir) {
        var console = new LiveConsole(System.out, LiveConsole.stdoutIsTerminal());
        return attach(bus, reportsDir, console, ProgressReporter.withTicker(console), Allure.getLifecycle());
    }

    /** With a plain console (no terminal status line) and progress driven by the events alone. */
    public static ReportListeners attach(EventBus bus, Path reportsDir, PrintStream out, AllureLifecycle allure) {
        var console = new LiveConsole(out, false);
        return attach(bus, reportsDir, console, new ProgressReporter(console, Clock.systemUTC()), allure);
    }

    private static ReportListeners attach(EventBus bus, Path reportsDir, LiveConsole console, ProgressReporter progress,
                                          AllureLifecycle allure) {
        return new ReportListeners(bus, new JsonLinesEventLog(reportsDir.resolve(EVENT_LOG)), progress,
                List.of(progress, new ConsoleReporter(console), new AllureBridge(allure),
                        new AllureEnvironment(reportsDir.resolve(ALLURE_RESULTS)), new RunbookExporter(reportsDir)));
    }

    /** Where a matrix run keeps each cell's reports, below {@code reports}. */
    public static final String CELLS = "cells";

    /**
     * Removes what an earlier matrix run left in {@code reports} (matrix.md, matrix.html, cells/):
     * this run is not that matrix, and the HTML report would otherwise carry its page. A matrix run
     * writes its own after its cells (RunMatrixIT).
     */
    public static void clearMatrixPage(Path reportsDir) {
        try {
            Files.deleteIfExists(reportsDir.resolve(MatrixPage.MARKDOWN));
            Files.deleteIfExists(reportsDir.resolve(MatrixCell.MATRIX_PAGE));
            Path cells = reportsDir.resolve(CELLS);
            if (Files.isDirectory(cells)) {
                try (Stream<Path> paths = Files.walk(cells)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the earlier matrix page from " + reportsDir, e);
        }
    }

    /**
     * Empties {@code <reports>/allure-results}: Allure adds result files and never removes them, so
     * without this a report would mix this run's scenarios with earlier runs'.
     */
    public static void clearAllureResults(Path reportsDir) {
        Path results = reportsDir.resolve(ALLURE_RESULTS);
        if (!Files.isDirectory(results)) {
            return;
        }
        try (Stream<Path> files = Files.list(results)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + results + " before the run", e);
        }
    }

    public Path eventLog() {
        return eventLog.file();
    }

    @Override
    public void close() {
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot unsubscribe a report listener", e);
            }
        }
        progress.close();
        eventLog.close();
    }
}
