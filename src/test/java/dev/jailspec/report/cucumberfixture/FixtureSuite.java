package dev.jailspec.report.cucumberfixture;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * A suite as RunFeaturesIT is one, over no real feature: FeatureSelectionTest launches it with
 * cucumber.features naming a fixture feature. Not run by surefire (its suite engine is excluded there).
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("src/test/resources/no-such-features")
public class FixtureSuite {
}
