package dev.jailspec.report.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.jailspec.event.JailspecEvent;
import dev.jailspec.event.RunStarted;
import dev.jailspec.event.ScenarioFinished;
import dev.jailspec.report.RunContext;
import dev.jailspec.report.cucumberfixture.BusOnlyBridge;
import dev.jailspec.report.cucumberfixture.FixtureSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * One feature picked with {@code -Dcucumber.features}, as failsafe launches RunFeaturesIT: a class
 * selector and the project's junit-platform.properties. Cucumber's engine ignores the selectors then,
 * so it ran the features once as a root engine and once in the suite, in one JVM: two runs, two
 * writers of reports/events.jsonl, and WaiverCheck could not parse the log.
 */
class FeatureSelectionTest {
    @Test
    void aFeatureNamedByCucumberFeaturesRunsOnceThroughTheSuite(@TempDir Path dir) throws Exception {
        Path feature = dir.resolve("one.feature");
        Files.writeString(feature, "Feature: one\n\n  Scenario: picked\n    Given the bridge fixture passes\n");
        List<JailspecEvent> events = new CopyOnWriteArrayList<>();
        var listener = new SummaryGeneratingListener();
        try (AutoCloseable sub = RunContext.bus().subscribe(events::add)) {
            var request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(FixtureSuite.class))
                    .configurationParameter("cucumber.features", feature.toString())
                    // The fixture's glue and a bridge without report listeners: this test leaves reports/ alone.
                    .configurationParameter("cucumber.glue", "dev.jailspec.report.cucumberfixture")
                    .configurationParameter("cucumber.plugin", BusOnlyBridge.class.getName())
                    .build();
            LauncherFactory.create().execute(request, listener);
        }

        assertThat(events).filteredOn(RunStarted.class::isInstance).as("Cucumber runs").hasSize(1);
        assertThat(events).filteredOn(ScenarioFinished.class::isInstance).map(e -> ((ScenarioFinished) e).name())
                .containsExactly("picked");
        assertThat(listener.getSummary().getTestsSucceededCount()).isEqualTo(1);
    }
}
