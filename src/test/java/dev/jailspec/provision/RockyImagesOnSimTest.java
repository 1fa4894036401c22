package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.artifact.OsRelease;
import dev.jailspec.config.SettingsLoader;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The Rocky userland from both image formats the mirror has served, and bad images refused. */
class RockyImagesOnSimTest {
    @TempDir
    Path project;
    @TempDir
    Path cache;

    private final List<String> notes = new ArrayList<>();

    private void withProvisioner(Map<String, String> settings, Consumer<Provisioner> body) {
        var props = new Properties();
        props.setProperty("jailspec.cache", cache.toString());
        settings.forEach(props::setProperty);
        var bus = new EventBus();
        bus.subscribe(Note.class, n -> notes.add(n.text()));
        try (JailspecRun run = JailspecRun.open(SettingsLoader.load(project, Map.of(), props), bus, "r1")) {
            var provisioner = new Provisioner(run);
            try {
                provisioner.ensureTemplate();
                provisioner.cloneJail();
                body.accept(provisioner);
            } finally {
                provisioner.teardown();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "oci,    Rocky-9-Container-Base-9.7-20251123.2.x86_64.oci.tar.xz, 9.7",
        "rootfs, Rocky-9-Container-Base-9.6-20250531.0.x86_64.tar.xz,     9.6",
    })
    void bothImageFormatsGiveARockyUserland(String format, String datedName, String version) {
        withProvisioner(Map.of("jailspec.sim.rocky.format", format), p -> {
            p.installLinuxUserland();
            String osRelease = p.insideJail().readText("/compat/rocky/etc/os-release");
            assertThat(OsRelease.parse(osRelease).versionId()).isEqualTo(version);
        });
        assertThat(notes).as("what the report says of the image")
                .anyMatch(n -> n.startsWith("Rocky Linux image: " + datedName + " (sha256 "));
    }

    @Test
    void theMinimalImageIsRefusedBeforeAnythingIsExtracted() {
        withProvisioner(Map.of("jailspec.rocky.imageUrl", "Rocky-9-Container-Minimal-9.7-20251123.2.x86_64.tar.xz"),
                p -> {
                    assertThatThrownBy(p::installLinuxUserland)
                            .hasMessageContaining("Rocky-9-Container-Minimal-9.7-20251123.2.x86_64.tar.xz has no usr/bin/dnf")
                            .hasMessageContaining("looks like the Minimal image")
                            .hasMessageContaining("Use the Container-Base image");
                    assertThat(p.insideJail().stat("/compat/rocky/etc")).as("nothing extracted").isEmpty();
                });
    }

    @Test
    void aMissingChecksumFileSaysWhichUrlAndWhichSetting() {
        withProvisioner(Map.of("jailspec.rocky.checksumUrl", "CHECKSUM.nope"), p ->
                assertThatThrownBy(p::installLinuxUserland)
                        .hasMessageContaining("/pub/rocky/9/images/x86_64/CHECKSUM.nope")
                        .hasMessageContaining("404")
                        .hasMessageContaining("jailspec.rocky.checksumUrl"));
    }

    @Test
    void anImageTheChecksumFileDoesNotListIsRefused() {
        withProvisioner(Map.of("jailspec.rocky.imageUrl", "Rocky-9-Container-UBI.latest.x86_64.tar.xz"), p ->
                assertThatThrownBy(p::installLinuxUserland)
                        .hasMessageContaining("has no entry for Rocky-9-Container-UBI.latest.x86_64.tar.xz")
                        .hasMessageContaining("jailspec.rocky.mirror"));
    }
}
