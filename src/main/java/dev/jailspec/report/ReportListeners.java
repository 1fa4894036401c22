package dev.jailspec.report;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.EventListener;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The report listeners of a run, subscribed in one call: the JSON-lines event log
 * ({@code <reports>/events.jsonl}), the console reporter and the Allure bridge.
 * {@link #close()} unsubscribes them and closes the log; the log is flushed per line,
 * so a run that never gets to close loses nothing.
 */
public final class ReportListeners implements AutoCloseable {
    public static final String EVENT_LOG = "events.jsonl";

    private final JsonLinesEventLog eventLog;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    private ReportListeners(EventBus bus, JsonLinesEventLog eventLog, List<EventListener> others) {
        this.eventLog = eventLog;
        subscriptions.add(bus.subscribe(eventLog));
        others.forEach(listener -> subscriptions.add(bus.subscribe(listener)));
    }

    /** For the test glue: {@code ReportListeners.attach(RunContext.bus(), Path.of("reports"))}. */
    public static ReportListeners attach(EventBus bus, Path reportsDir) {
        return attach(bus, reportsDir, System.out, Allure.getLifecycle());
    }

    public static ReportListeners attach(EventBus bus, Path reportsDir, PrintStream console, AllureLifecycle allure) {
        return new ReportListeners(bus, new JsonLinesEventLog(reportsDir.resolve(EVENT_LOG)),
                List.of(new ConsoleReporter(console), new AllureBridge(allure),
                        new AllureEnvironment(reportsDir.resolve("allure-results"))));
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
        eventLog.close();
    }
}
