package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.config.Settings;
import dev.jailspec.config.SettingsLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CellApplicabilityTest {
    @Test
    void aTemplateNewerThanTheSimulatedHostIsNotApplicable() {
        assertThat(CellApplicability.notApplicable(sim("14.4-RELEASE", "14.5-RELEASE")))
                .hasValueSatisfying(r -> assertThat(r).contains("a jail cannot run a newer FreeBSD than its host")
                        .contains("14.5-RELEASE template on a 14.4-RELEASE host"));
        assertThat(CellApplicability.notApplicable(sim("14.5-RELEASE", "15.0-RELEASE"))).isPresent();
    }

    @Test
    void theSameOrAnOlderTemplateRuns() {
        assertThat(CellApplicability.notApplicable(sim("14.5-RELEASE", "14.5-RELEASE"))).isEmpty();
        assertThat(CellApplicability.notApplicable(sim("15.0-RELEASE", "14.4-RELEASE"))).isEmpty();
        assertThat(CellApplicability.notApplicable(sim("", "14.4-RELEASE"))).as("host release left to derive").isEmpty();
    }

    private static Settings sim(String host, String template) {
        Properties p = new Properties();
        p.setProperty("jailspec.sim.release", host);
        p.setProperty("jailspec.freebsd.release", template);
        return SettingsLoader.load(Path.of("/nonexistent"), Map.of(), p);
    }
}
