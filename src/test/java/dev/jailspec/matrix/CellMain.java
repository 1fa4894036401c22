package dev.jailspec.matrix;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.jailspec.RunFeaturesIT;
import java.io.PrintWriter;
import java.util.Arrays;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * One cell of the release matrix, in a JVM of its own (started by {@link RunMatrixIT}): the
 * features, exactly as {@code RunFeaturesIT} runs them, with the cell's settings as system
 * properties and its reports in its own directory ({@code reports.dir}, {@code allure.results.directory}).
 * A JVM per cell because a run's event bus and run id are the JVM's (report.RunContext).
 * Exits 0 when every scenario passed, 1 otherwise.
 */
public final class CellMain {
    /** The system property naming the cell, so the hooks know they run as one. */
    public static final String CELL = "matrix.cell";

    private CellMain() {
    }

    public static void main(String[] args) {
        var request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(RunFeaturesIT.class));
        String excluded = System.getProperty("features.exclude", "");
        if (!excluded.isBlank()) {
            // What failsafe's excludedGroups does for RunFeaturesIT (pom.xml: @optional left out).
            request.filters(TagFilter.excludeTags(Arrays.stream(excluded.split(",")).map(String::strip).toList()));
        }
        LauncherDiscoveryRequest discovery = request.build();
        Launcher launcher = LauncherFactory.create();
        var listener = new SummaryGeneratingListener();
        launcher.execute(discovery, listener);
        TestExecutionSummary summary = listener.getSummary();
        var out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 5);
        boolean passed = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0;
        System.exit(passed ? 0 : 1);
    }
}
