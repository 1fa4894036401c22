package dev.jailspec.report;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Outcome;
import dev.jailspec.event.RunFinished;
import dev.jailspec.event.RunStarted;
import dev.jailspec.event.ScenarioFinished;
import dev.jailspec.event.ScenarioStarted;
import dev.jailspec.event.StepFinished;
import dev.jailspec.event.StepStarted;
import dev.jailspec.config.SettingsLoader;
import io.cucumber.plugin.ConcurrentEventListener;
import java.nio.file.Path;
import java.util.function.Supplier;
import io.cucumber.plugin.event.EventHandler;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestStepStarted;

/**
 * Cucumber plugin ({@code cucumber.plugin=dev.jailspec.report.CucumberEventBridge}) that puts
 * the run, scenarios and Gherkin steps on the jailspec event bus, so the event log, console and
 * runbook see host commands in their Gherkin context. Hooks are not forwarded.
 *
 * <p>A concurrent listener gets events on the thread that runs the scenario, as they happen:
 * that is the thread whose Allure context the host commands of the step will use.
 */
public final class CucumberEventBridge implements ConcurrentEventListener {
    /**
     * Where a run started by Cucumber writes its reports: {@code reports/} in the project, or the
     * directory the system property {@code reports.dir} names (a cell of the release matrix).
     */
    public static final Path REPORTS_DIR = Path.of(System.getProperty("reports.dir", "reports"));

    /** This JVM's reports: the first run attaches them, a later run (Cucumber run twice) writes on. */
    private static final RunReports JVM_REPORTS = new RunReports(() -> {
        ReportListeners.clearAllureResults(REPORTS_DIR);
        ReportListeners.clearMatrixPage(REPORTS_DIR);
        return ReportListeners.attach(RunContext.bus(), REPORTS_DIR);
    });

    private final EventBus bus;
    private final String runId;
    private final RunReports reports;
    private final Supplier<String> target;

    private final EventHandler<TestRunStarted> runStarted = this::runStarted;
    private final EventHandler<TestRunFinished> runFinished = this::runFinished;
    private final EventHandler<TestCaseStarted> scenarioStarted = this::scenarioStarted;
    private final EventHandler<TestCaseFinished> scenarioFinished = this::scenarioFinished;
    private final EventHandler<TestStepStarted> stepStarted = this::stepStarted;
    private final EventHandler<TestStepFinished> stepFinished = this::stepFinished;

    /** Used by Cucumber: publishes on {@link RunContext#bus()}. */
    public CucumberEventBridge() {
        this(RunContext.bus(), RunContext.runId(), JVM_REPORTS, CucumberEventBridge::targetFromSettings);
    }

    /** For tests: publishes on {@code bus} and attaches no report listeners. */
    public CucumberEventBridge(EventBus bus, String runId, Supplier<String> target) {
        this(bus, runId, null, target);
    }

    /** For tests: {@code reports} stands for the JVM's, so two runs of one JVM can be played. */
    CucumberEventBridge(EventBus bus, String runId, RunReports reports, Supplier<String> target) {
        this.bus = bus;
        this.runId = runId;
        this.reports = reports;
        this.target = target;
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestRunStarted.class, runStarted);
        publisher.registerHandlerFor(TestRunFinished.class, runFinished);
        publisher.registerHandlerFor(TestCaseStarted.class, scenarioStarted);
        publisher.registerHandlerFor(TestCaseFinished.class, scenarioFinished);
        publisher.registerHandlerFor(TestStepStarted.class, stepStarted);
        publisher.registerHandlerFor(TestStepFinished.class, stepFinished);
    }

    private void runStarted(TestRunStarted e) {
        // Attached here, not in a hook, so the log also holds RunStarted; flushed per line, never closed.
        if (reports != null) {
            reports.attachOnce();
        }
        bus.publish(new RunStarted(e.getInstant(), runId, target.get()));
    }

    /** The target as the settings will resolve it; the run itself reports bad settings in detail. */
    private static String targetFromSettings() {
        try {
            return SettingsLoader.fromEnvironment(Path.of("")).target().toString();
        } catch (RuntimeException e) {
            return "unknown (the settings are invalid)";
        }
    }

    private void runFinished(TestRunFinished e) {
        boolean passed = e.getResult() == null || e.getResult().getStatus().isOk();
        bus.publish(new RunFinished(e.getInstant(), runId, passed));
    }

    private void scenarioStarted(TestCaseStarted e) {
        var scenario = e.getTestCase();
        if (reports != null) {
            // allure-cucumber7-jvm, listed before this plugin, has just started the scenario's result on this
            // thread; in a hook it would be too late: Allure's current item is then the hook's fixture.
            RunContext.cell().ifPresent(m -> m.cell().markCurrentScenario(m.linkMatrixPage()));
        }
        bus.publish(new ScenarioStarted(e.getInstant(), scenario.getName(), scenario.getUri().toString(),
                scenario.getTags()));
    }

    private void scenarioFinished(TestCaseFinished e) {
        bus.publish(new ScenarioFinished(e.getInstant(), e.getTestCase().getName(), status(e.getResult()),
                error(e.getResult())));
    }

    private void stepStarted(TestStepStarted e) {
        if (e.getTestStep() instanceof PickleStepTestStep step) {
            bus.publish(new StepStarted(e.getInstant(), text(step), step.getStep().getLine()));
        }
    }

    private void stepFinished(TestStepFinished e) {
        if (e.getTestStep() instanceof PickleStepTestStep step) {
            bus.publish(new StepFinished(e.getInstant(), text(step), status(e.getResult()), error(e.getResult())));
        }
    }

    // Cucumber's keyword keeps its trailing space: "Given ".
    private static String text(PickleStepTestStep step) {
        return step.getStep().getKeyword() + step.getStep().getText();
    }

    private static Outcome status(Result result) {
        return Outcome.valueOf(result.getStatus().name());
    }

    /** The failure's message, or "" when there is none (the events' convention for "nothing"). */
    private static String error(Result result) {
        Throwable error = result.getError();
        if (error == null) {
            return "";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getName() : message;
    }
}
