package dev.jailspec.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;

/** A matrix run's -Dcucumber.features reaches each cell as the selectors Cucumber's engine takes. */
class CellMainTest {
    @Test
    void aFileAFilesScenarioByLineAndADirectoryAreSelectedAsCucumberFeaturesNamesThem() {
        List<DiscoverySelector> selectors = CellMain.featureSelectors(
                "features/03_thin_jail.feature, features/05_start_and_verify.feature:18 ,features");

        assertThat(selectors).hasSize(3);
        assertThat(selectors.get(0)).isInstanceOfSatisfying(FileSelector.class, f -> {
            assertThat(f.getRawPath()).isEqualTo("features/03_thin_jail.feature");
            assertThat(f.getPosition()).isEmpty();
        });
        assertThat(selectors.get(1)).isInstanceOfSatisfying(FileSelector.class, f -> {
            assertThat(f.getRawPath()).isEqualTo("features/05_start_and_verify.feature");
            assertThat(f.getPosition()).hasValueSatisfying(p -> assertThat(p.getLine()).isEqualTo(18));
        });
        assertThat(selectors.get(2)).isInstanceOfSatisfying(DirectorySelector.class,
                d -> assertThat(d.getRawPath()).isEqualTo("features"));
    }
}
