package dev.jailspec;

import java.time.Duration;
import org.junit.platform.suite.api.AfterSuite;
import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Runs the Gherkin features under {@code features/} against the configured target
 * (the simulated host unless -Djailspec.target says otherwise). Glue, plugins and
 * tag filters are in {@code src/test/resources/junit-platform.properties}. On sim its wall time is
 * printed beside that of {@link RunFeaturesOverSshIT}, which ran earlier in the build.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
public class RunFeaturesIT {
    private static long started;

    @BeforeSuite
    static void startClock() {
        started = System.nanoTime();
    }

    @AfterSuite
    static void printTimes() {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String target = System.getProperty("jailspec.target", "sim");
        if (!target.equals("sim")) {
            return;
        }
        System.out.println(FeatureTimes.take(RunFeaturesOverSshIT.TIME)
                .map(ssh -> FeatureTimes.comparison(took, ssh))
                .orElse("jailspec: the features took " + FeatureTimes.seconds(took) + " on sim (not run over SSH in this build)"));
    }
}
