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

    @Test
    void aCpuWithoutTheUserlandsLevelIsNotApplicableNamingWhatIsMissing() {
        assertThat(CellApplicability.notApplicable(sim("14.5-RELEASE", "14.5-RELEASE", "jailspec.sim.cpu", "x86-64-v2",
                "jailspec.rocky.release", "10"))).hasValueSatisfying(r -> assertThat(r)
                .contains("the CPU lacks x86-64-v3 features").contains("AVX2"));
        assertThat(CellApplicability.notApplicable(sim("14.5-RELEASE", "14.5-RELEASE", "jailspec.sim.cpu", "x86-64-v2",
                "jailspec.rocky.release", "9"))).as("Rocky 9 is built for x86-64-v2").isEmpty();
        assertThat(CellApplicability.notApplicable(sim("14.5-RELEASE", "14.5-RELEASE", "jailspec.rocky.release", "10")))
                .as("the default simulated CPU is x86-64-v3").isEmpty();
    }

    @Test
    void aPkgbaseTemplateBefore15IsNotApplicableAndFrom15Runs() {
        assertThat(CellApplicability.notApplicable(sim("14.5-RELEASE", "14.5-RELEASE", "jailspec.freebsd.template", "pkgbase")))
                .hasValueSatisfying(r -> assertThat(r).contains("pkgbase needs FreeBSD 15.0-RELEASE or later"));
        assertThat(CellApplicability.notApplicable(sim("15.1-RELEASE", "15.1-RELEASE", "jailspec.freebsd.template", "pkgbase")))
                .isEmpty();
    }

    private static Settings sim(String host, String template, String... more) {
        Properties p = new Properties();
        if (!host.isEmpty()) {
            p.setProperty("jailspec.sim.release", host);
        }
        p.setProperty("jailspec.freebsd.release", template);
        p.setProperty("jailspec.clock", "2026-12-04");
        for (int i = 0; i < more.length; i += 2) {
            p.setProperty(more[i], more[i + 1]);
        }
        return SettingsLoader.load(Path.of("/nonexistent"), Map.of(), p);
    }
}
