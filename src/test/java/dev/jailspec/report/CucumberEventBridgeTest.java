package dev.jailspec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.jailspec.event.Outcome;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.JailspecEvent;
import dev.jailspec.report.cucumberfixture.BusOnlyBridge;
import dev.jailspec.event.RunFinished;
import dev.jailspec.event.RunStarted;
import dev.jailspec.event.ScenarioFinished;
import dev.jailspec.event.ScenarioStarted;
import dev.jailspec.event.StepFinished;
import dev.jailspec.event.StepStarted;
import io.cucumber.core.cli.Main;
import io.cucumber.plugin.event.Argument;
import io.cucumber.plugin.event.EventHandler;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Location;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.Step;
import io.cucumber.plugin.event.StepArgument;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestStep;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestStepStarted;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CucumberEventBridgeTest {
    private static final Instant AT = Instant.parse("2025-03-14T09:30:12Z");
    private static final URI FEATURE = URI.create("classpath:features/jail.feature");

    @Test
    void translatesCucumberEventsAndIgnoresHookSteps() {
        var bus = new EventBus();
        List<JailspecEvent> events = new ArrayList<>();
        bus.subscribe(events::add);
        var publisher = new FakePublisher();
        new CucumberEventBridge(bus, "20250314-093012-abcd", () -> "sim").setEventPublisher(publisher);
        var given = new FakeStep("Given ", "a template", 5);
        var when = new FakeStep("When ", "the jail is started", 6);
        TestStep hook = new FakeHook();
        var scenario = new FakeScenario("A thin jail starts", List.of("@vnet"));

        publisher.send(new TestRunStarted(AT));
        publisher.send(new TestCaseStarted(AT, scenario));
        publisher.send(new TestStepStarted(AT, scenario, hook));
        publisher.send(new TestStepFinished(AT, scenario, hook, new Result(Status.PASSED, Duration.ZERO, null)));
        publisher.send(new TestStepStarted(AT, scenario, given));
        publisher.send(new TestStepFinished(AT, scenario, given, new Result(Status.PASSED, Duration.ZERO, null)));
        publisher.send(new TestStepStarted(AT, scenario, when));
        var failure = new AssertionError("jail did not start");
        publisher.send(new TestStepFinished(AT, scenario, when, new Result(Status.FAILED, Duration.ZERO, failure)));
        publisher.send(new TestCaseFinished(AT, scenario, new Result(Status.FAILED, Duration.ZERO, failure)));
        publisher.send(new TestRunFinished(AT, new Result(Status.FAILED, Duration.ZERO, null)));

        assertThat(events).containsExactly(
                new RunStarted(AT, "20250314-093012-abcd", "sim"),
                new ScenarioStarted(AT, "A thin jail starts", FEATURE.toString(), List.of("@vnet")),
                new StepStarted(AT, "Given a template", 5),
                new StepFinished(AT, "Given a template", Outcome.PASSED, ""),
                new StepStarted(AT, "When the jail is started", 6),
                new StepFinished(AT, "When the jail is started", Outcome.FAILED, "jail did not start"),
                new ScenarioFinished(AT, "A thin jail starts", Outcome.FAILED, "jail did not start"),
                new RunFinished(AT, "20250314-093012-abcd", false));
    }

    @Test
    void aRealCucumberRunReachesTheRunContextBus(@TempDir Path dir) throws Exception {
        Path feature = dir.resolve("bridge.feature");
        Files.writeString(feature, String.join("\n",
                "Feature: bridge fixture",
                "",
                "  @fast",
                "  Scenario: passes",
                "    Given the bridge fixture passes",
                "",
                "  Scenario: fails",
                "    Given the bridge fixture passes",
                "    When the bridge fixture fails",
                "    Then the bridge fixture passes",
                ""));
        List<JailspecEvent> events = new CopyOnWriteArrayList<>();

        byte exitStatus;
        AutoCloseable subscription = RunContext.bus().subscribe(events::add);
        try {
            exitStatus = Main.run(new String[] {
                    "--plugin", BusOnlyBridge.class.getName(),
                    "--glue", "dev.jailspec.report.cucumberfixture",
                    "--monochrome",
                    feature.toString()}, Thread.currentThread().getContextClassLoader());
        } finally {
            subscription.close();
        }

        assertThat(exitStatus).isEqualTo((byte) 1);
        assertThat(events).extracting(JailspecEvent::type).containsExactly(
                "RunStarted",
                "ScenarioStarted", "StepStarted", "StepFinished", "ScenarioFinished",
                "ScenarioStarted", "StepStarted", "StepFinished", "StepStarted", "StepFinished",
                "StepStarted", "StepFinished", "ScenarioFinished",
                "RunFinished");
        assertThat(((RunStarted) events.get(0)).runId()).isEqualTo(RunContext.runId());
        assertThat((ScenarioStarted) events.get(1)).extracting(ScenarioStarted::name, ScenarioStarted::uri,
                ScenarioStarted::tags).containsExactly("passes", feature.toUri().toString(), List.of("@fast"));
        assertThat(events).filteredOn(StepFinished.class::isInstance).map(StepFinished.class::cast)
                .extracting(StepFinished::text, StepFinished::status, StepFinished::error)
                .containsExactly(
                        tuple("Given the bridge fixture passes", Outcome.PASSED, ""),
                        tuple("Given the bridge fixture passes", Outcome.PASSED, ""),
                        tuple("When the bridge fixture fails", Outcome.FAILED, "fixture failure"),
                        tuple("Then the bridge fixture passes", Outcome.SKIPPED, ""));
        assertThat(events).filteredOn(StepStarted.class::isInstance).map(StepStarted.class::cast)
                .extracting(StepStarted::line).containsExactly(5, 8, 9, 10);
        assertThat(events).filteredOn(ScenarioFinished.class::isInstance).map(ScenarioFinished.class::cast)
                .extracting(ScenarioFinished::status, ScenarioFinished::error)
                .containsExactly(tuple(Outcome.PASSED, ""), tuple(Outcome.FAILED, "fixture failure"));
        assertThat(((RunFinished) events.get(events.size() - 1)).passed()).isFalse();
    }

    @Test
    void twoRunsInOneJvmWriteOneLogOnceAttached(@TempDir Path dir) throws IOException {
        var bus = new EventBus();
        var console = new ByteArrayOutputStream();
        Path reports = dir.resolve("reports");
        var attached = new java.util.concurrent.atomic.AtomicInteger();
        var jvm = new RunReports(() -> {
            attached.incrementAndGet();
            return ReportListeners.attach(bus, reports, new PrintStream(console, true, StandardCharsets.UTF_8),
                    new io.qameta.allure.AllureLifecycle(new InMemoryAllureResults()));
        });
        var scenario = new FakeScenario("A thin jail starts", List.of());
        // Cucumber's engine and the suite each ran the features, each with its own plugin instance.
        for (String run : List.of("first", "second")) {
            var publisher = new FakePublisher();
            new CucumberEventBridge(bus, "20250314-093012-abcd", jvm, () -> "sim").setEventPublisher(publisher);
            publisher.send(new TestRunStarted(AT));
            publisher.send(new TestCaseStarted(AT, scenario));
            publisher.send(new TestCaseFinished(AT, scenario, new Result(Status.PASSED, Duration.ZERO, null)));
            publisher.send(new TestRunFinished(AT, new Result(Status.PASSED, Duration.ZERO, null)));
        }

        assertThat(attached).hasValue(1);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> types = new ArrayList<>();
        for (String line : Files.readAllLines(reports.resolve(ReportListeners.EVENT_LOG))) {
            types.add(json.readTree(line).get("type").asText());
        }
        assertThat(types).containsExactly("RunStarted", "ScenarioStarted", "ScenarioFinished", "RunFinished",
                "RunStarted", "ScenarioStarted", "ScenarioFinished", "RunFinished");
        // One console too: each run's scenario printed once, not once per attachment.
        assertThat(console.toString(StandardCharsets.UTF_8).split("Scenario PASSED: A thin jail starts", -1)).hasSize(3);
    }

    @Test
    void runIdsLookLikeATimestampAndFourHexDigits() {
        assertThat(RunContext.runId()).matches("\\d{8}-\\d{6}-[0-9a-f]{4}");
        assertThat(RunContext.bus()).isSameAs(RunContext.bus());
    }

    private static final class FakePublisher implements EventPublisher {
        private final Map<Class<?>, List<EventHandler<?>>> handlers = new HashMap<>();

        @Override
        public <T> void registerHandlerFor(Class<T> type, EventHandler<T> handler) {
            handlers.computeIfAbsent(type, t -> new ArrayList<>()).add(handler);
        }

        @Override
        public <T> void removeHandlerFor(Class<T> type, EventHandler<T> handler) {
            handlers.getOrDefault(type, new ArrayList<>()).remove(handler);
        }

        @SuppressWarnings("unchecked")
        <T> void send(T event) {
            handlers.getOrDefault(event.getClass(), List.of()).forEach(h -> ((EventHandler<T>) h).receive(event));
        }
    }

    // The plugin API still declares deprecated methods; fakes have to implement them.
    @SuppressWarnings("deprecation")
    private record FakeScenario(String name, List<String> tags) implements TestCase {
        @Override public Integer getLine() { return 3; }
        @Override public Location getLocation() { return new Location(3, 3); }
        @Override public String getKeyword() { return "Scenario"; }
        @Override public String getName() { return name; }
        @Override public String getScenarioDesignation() { return "jail.feature:3 # " + name; }
        @Override public List<String> getTags() { return tags; }
        @Override public List<TestStep> getTestSteps() { return List.of(); }
        @Override public URI getUri() { return FEATURE; }
        @Override public UUID getId() { return UUID.nameUUIDFromBytes(name.getBytes()); }
    }

    @SuppressWarnings("deprecation")
    private record FakeStep(String keyword, String text, int line) implements PickleStepTestStep, Step {
        @Override public String getPattern() { return text; }
        @Override public Step getStep() { return this; }
        @Override public List<Argument> getDefinitionArgument() { return List.of(); }
        @Override public StepArgument getStepArgument() { return null; }
        @Override public int getStepLine() { return line; }
        @Override public URI getUri() { return FEATURE; }
        @Override public String getStepText() { return text; }
        @Override public String getCodeLocation() { return "Steps.java"; }
        @Override public UUID getId() { return UUID.nameUUIDFromBytes(text.getBytes()); }
        @Override public StepArgument getArgument() { return null; }
        @Override public String getKeyword() { return keyword; }
        @Override public String getText() { return text; }
        @Override public int getLine() { return line; }
        @Override public Location getLocation() { return new Location(line, 5); }
    }

    private static final class FakeHook implements TestStep {
        @Override public String getCodeLocation() { return "Hooks.before()"; }
        @Override public UUID getId() { return UUID.randomUUID(); }
    }
}
