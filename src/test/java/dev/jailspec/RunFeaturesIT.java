package dev.jailspec;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Runs the Gherkin features under {@code features/} against the configured target
 * (the simulated host unless -Djailspec.target says otherwise). Glue, plugins and
 * tag filters are in {@code src/test/resources/junit-platform.properties}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
public class RunFeaturesIT {
}
