package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.artifact.OsRelease;
import dev.jailspec.config.SettingsException;
import dev.jailspec.config.SettingsLoader;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jailspec.rocky.release=10 on sim, and the simulated CPU that cannot run it. */
class RockyTenOnSimTest {
    @TempDir
    Path project;
    @TempDir
    Path cache;

    private final List<String> notes = new ArrayList<>();

    private JailspecRun open(Map<String, String> settings) {
        var props = new Properties();
        props.setProperty("jailspec.cache", cache.toString());
        settings.forEach(props::setProperty);
        var bus = new EventBus();
        bus.subscribe(Note.class, n -> notes.add(n.text()));
        return JailspecRun.open(SettingsLoader.load(project, Map.of(), props), bus, "r10");
    }

    private void withProvisioner(Map<String, String> settings, Consumer<Provisioner> body) {
        try (JailspecRun run = open(settings)) {
            var provisioner = new Provisioner(run);
            try {
                body.accept(provisioner);
            } finally {
                provisioner.teardown();
            }
        }
    }

    @Test
    void rockyTenRunsEndToEndAndTheReportSaysWhatIsUnverified() {
        withProvisioner(Map.of("jailspec.rocky.release", "10"), p -> {
            p.ensureLinuxJailRunning();
            OsRelease os = OsRelease.parse(p.insideJail().readText("/compat/rocky/etc/os-release"));
            assertThat(os.versionId()).isEqualTo("10.1");
            assertThat(os.prettyName()).contains("Red Quartz");
            assertThat(p.runInLinuxUserland(List.of("rpm", "-qa")).stdoutLines())
                    .anyMatch(l -> l.startsWith("rpm-4.19.")).anyMatch(l -> l.startsWith("dnf-4.20."))
                    .anyMatch(l -> l.startsWith("glibc-2.39-"));
            assertThat(p.runInLinuxUserland(List.of("rpm", "-E", "%rhel")).stdout().strip()).isEqualTo("10");
            assertThat(p.runInLinuxUserland(List.of("dnf", "-y", "install", "dnf-command(config-manager)")).stdout())
                    .contains("dnf-plugins-core").contains("4.7.0");
        });
        assertThat(notes).anyMatch(n -> n.startsWith("Rocky Linux image: Rocky-10-Container-Base-10.1-")
                && n.contains(".x86_64.oci.tar.xz"));
        assertThat(notes).anyMatch(n -> n.startsWith("[UNVERIFIED]") && n.contains("Rocky Linux 10.1"));
    }

    @Test
    void anX8664V2CpuStopsRockyTenInPreflightNamingWhatIsMissing() {
        try (JailspecRun run = open(Map.of("jailspec.rocky.release", "10", "jailspec.sim.cpu", "x86-64-v2"))) {
            assertThatThrownBy(run::requireHostReady)
                    .isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("CPU level for the Linux userland (Rocky Linux 10: x86-64-v3)")
                    .hasMessageContaining("the CPU lacks x86-64-v3 features: AVX, AVX2, BMI1, BMI2, F16C, FMA, LZCNT (ABM),"
                            + " MOVBE, XSAVE")
                    .hasMessageContaining("jailspec.rocky.release=9")
                    .hasMessageContaining("nothing was changed");
            assertThat(notes).noneMatch(n -> n.startsWith("Rocky Linux image:"));
        }
    }

    @Test
    void rockyNineOnTheSameCpuPassesPreflight() {
        try (JailspecRun run = open(Map.of("jailspec.rocky.release", "9", "jailspec.sim.cpu", "x86-64-v2"))) {
            assertThat(new Provisioner(run).preflight())
                    .filteredOn(f -> f.check().startsWith("CPU level for the Linux userland (Rocky Linux 9"))
                    .singleElement().satisfies(f -> {
                        assertThat(f.ok()).as(f.detail()).isTrue();
                        assertThat(f.check()).contains("x86-64-v2");
                    });
            run.requireHostReady();
        }
    }

    @Test
    void anUnknownDistributionOrReleaseIsASettingsErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> open(Map.of("jailspec.linux.distribution", "debian")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("jailspec.linux.distribution=debian")
                .hasMessageContaining("known: rocky");
        assertThatThrownBy(() -> open(Map.of("jailspec.rocky.release", "8")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("jailspec.rocky.release=8")
                .hasMessageContaining("known majors: [9, 10]");
    }

    @Test
    void rockyTenPublishedNoRootfsTarSoTheSimRefusesThatFormatSayingSo() {
        assertThatThrownBy(() -> open(Map.of("jailspec.rocky.release", "10", "jailspec.sim.rocky.format", "rootfs")))
                .hasMessageContaining("no catalogued Rocky Linux 10 release published a Container-Base image as a plain"
                        + " rootfs tar");
    }
}
