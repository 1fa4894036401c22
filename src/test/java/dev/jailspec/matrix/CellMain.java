package dev.jailspec.matrix;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.jailspec.RunFeaturesIT;
import dev.jailspec.event.HostReconnect;
import dev.jailspec.event.ScenarioStarted;
import dev.jailspec.host.TransportException;
import dev.jailspec.report.RunContext;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.FilePosition;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * One cell of the release matrix, in a JVM of its own (started by {@link CellLauncher}): the
 * features, exactly as {@code RunFeaturesIT} runs them, with the cell's settings as system
 * properties and its reports in its own directory ({@code reports.dir}, {@code allure.results.directory}).
 * A JVM per cell because a run's event bus and run id are the JVM's (report.RunContext).
 * Exits 0 when every scenario passed, {@link #HOST_LOST} when the run lost its host (on its bus a
 * {@link HostReconnect} whose every attempt failed, or a transport error before any scenario began:
 * {@link HostLoss} beside its reports says which and why), 1 otherwise.
 */
public final class CellMain {
    /** The system property naming the cell, so the hooks know they run as one. */
    public static final String CELL = "matrix.cell";
    /**
     * Features to run instead of all of {@code features/}, comma-separated as {@code cucumber.features}
     * takes them (a run's -Dcucumber.features comes here, RunMatrixIT): files, a file's scenario by
     * line ({@code features/03_thin_jail.feature:17}), directories.
     */
    static final String SELECT = "features.select";
    static final int HOST_LOST = 3;
    private static final String AS_ROOT_ENGINE = "cucumber.junit-platform.discovery.as-root-engine";

    private CellMain() {
    }

    public static void main(String[] args) {
        var lost = new AtomicReference<String>();
        var scenarios = new AtomicInteger();
        RunContext.bus().subscribe(HostReconnect.class, r -> {
            if (!r.succeeded() && r.attempt() == r.maxAttempts()) {
                lost.compareAndSet(null, r.reason());
            }
        });
        RunContext.bus().subscribe(ScenarioStarted.class, s -> scenarios.incrementAndGet());
        Launcher launcher = LauncherFactory.create();
        var listener = new SummaryGeneratingListener();
        launcher.execute(discovery(), listener);
        TestExecutionSummary summary = listener.getSummary();
        var out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 5);
        Optional<String> hostLost = Optional.ofNullable(lost.get())
                .or(() -> scenarios.get() == 0 ? transportError(summary) : Optional.empty());
        if (hostLost.isPresent()) {
            new HostLoss(System.getProperty("jailspec.target", ""), hostLost.get(), scenarios.get())
                    .writeTo(Path.of(System.getProperty("reports.dir", "reports")));
            System.exit(HOST_LOST);
        }
        boolean passed = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0;
        System.exit(passed ? 0 : 1);
    }

    private static LauncherDiscoveryRequest discovery() {
        var request = LauncherDiscoveryRequestBuilder.request();
        String selected = System.getProperty(SELECT, "");
        if (selected.isBlank()) {
            request.selectors(selectClass(RunFeaturesIT.class));
        } else {
            // Cucumber's engine alone, with the glue and plugins of junit-platform.properties, as for RunFeaturesIT.
            request.selectors(featureSelectors(selected))
                    .filters(EngineFilter.includeEngines("cucumber"))
                    // junit-platform.properties keeps Cucumber's engine from discovering as a root engine; here it is one.
                    .configurationParameter(AS_ROOT_ENGINE, "true");
        }
        String excluded = System.getProperty("features.exclude", "");
        if (!excluded.isBlank()) {
            // What failsafe's excludedGroups does for RunFeaturesIT (pom.xml: @optional left out).
            request.filters(TagFilter.excludeTags(Arrays.stream(excluded.split(",")).map(String::strip).toList()));
        }
        return request.build();
    }

    private static final Pattern AT_LINE = Pattern.compile("(.+):(\\d+)");

    /** What {@link #SELECT} names, as the selectors Cucumber's engine takes: a file, a file at a line, a directory. */
    static List<DiscoverySelector> featureSelectors(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(f -> !f.isEmpty()).map(f -> {
            Matcher line = AT_LINE.matcher(f);
            if (line.matches() && !Files.exists(Path.of(f))) {
                return (DiscoverySelector) selectFile(line.group(1), FilePosition.from(Integer.parseInt(line.group(2))));
            }
            return Files.isDirectory(Path.of(f)) ? selectDirectory(f) : selectFile(f);
        }).toList();
    }

    /** A transport error among the run's failures: before any scenario, the host could not be reached. */
    private static Optional<String> transportError(TestExecutionSummary summary) {
        for (TestExecutionSummary.Failure f : summary.getFailures()) {
            for (Throwable t = f.getException(); t != null; t = t.getCause()) {
                if (t instanceof TransportException) {
                    return Optional.of(t.getMessage());
                }
            }
        }
        return Optional.empty();
    }
}
