package dev.jailspec.report;

import static dev.jailspec.report.TestCommands.cmd;
import static dev.jailspec.report.TestCommands.stdin;
import static dev.jailspec.report.TestCommands.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jailspec.event.ArtifactResolved;
import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.HostFactsResolved;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.event.RunStarted;
import dev.jailspec.event.SettingsResolved;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureEnvironmentTest {
    private static final Instant AT = Instant.parse("2025-03-14T09:30:12Z");
    private static final String SHA = "7c083ad02b7e698335b1a2380e9d53ab12a32e239f260a24c158bba7430391ae";

    @TempDir
    Path results;

    private final EventBus bus = new EventBus();

    private Properties environment() throws IOException {
        var p = new Properties();
        try (Reader in = Files.newBufferedReader(results.resolve("environment.properties"), StandardCharsets.ISO_8859_1)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void settingsHostFactsAndTheRockyImageEndUpInEnvironmentProperties() throws IOException {
        bus.register(new AllureEnvironment(results));
        bus.publish(new RunStarted(AT, "20250314-093012-abcd", "sim"));
        bus.publish(new SettingsResolved(AT, Map.of("jailspec.target", "sim", "jailspec.freebsd.release", "14.3-RELEASE",
                "jailspec.jail.name", "lrdev", "jailspec.zfs.root", "zdata/jails"), Map.of()));
        // Command output is not parsed for facts: only the typed event counts.
        bus.publish(new CommandFinished(AT, 1, cmd(List.of("freebsd-version", "-kru")), 0, 2, "a\nb\nc\n", "", stdin("")));
        bus.publish(new HostFactsResolved(AT, "14.3-RELEASE-p4", "14.3-RELEASE-p4", "14.3-RELEASE-p5",
                "zfs-2.2.7-FreeBSD_ge269af1b3", "zfs-kmod-2.2.7-FreeBSD_ge269af1b3"));
        bus.publish(new ArtifactResolved(AT, ArtifactResolved.LINUX_IMAGE,
                "Rocky-9-Container-Base-9.7-20251123.2.x86_64.oci.tar.xz",
                "https://dl.rockylinux.org/pub/rocky/9/images/x86_64/Rocky-9-Container-Base.latest.x86_64.tar.xz", SHA));

        Properties env = environment();
        assertThat(env).containsEntry("jailspec.target", "sim")
                .containsEntry("jailspec.freebsd.release", "14.3-RELEASE")
                .containsEntry("jailspec.jail.name", "lrdev")
                .containsEntry("run.id", "20250314-093012-abcd")
                .containsEntry("host.freebsd-version.kernel", "14.3-RELEASE-p4")
                .containsEntry("host.freebsd-version.running", "14.3-RELEASE-p4")
                .containsEntry("host.freebsd-version.userland", "14.3-RELEASE-p5")
                .containsEntry("host.zfs-version", "zfs-2.2.7-FreeBSD_ge269af1b3 / zfs-kmod-2.2.7-FreeBSD_ge269af1b3")
                .containsEntry("linux.image", "Rocky-9-Container-Base-9.7-20251123.2.x86_64.oci.tar.xz")
                .containsEntry("linux.image.sha256", SHA)
                .containsEntry("run.jailspec-version", JailspecVersion.get());
    }

    @Test
    void theVersionIsFilledInByTheBuild() {
        assertThat(JailspecVersion.get()).as("build.properties filtered by Maven").matches("\\d+\\.\\d+\\.\\d+\\S*");
    }

    @Test
    void awkwardValuesSurviveJavaPropertiesSyntax() throws IOException {
        var environment = new AllureEnvironment(results);
        environment.put("odd key", "a=b: c\\d\n#e!f é ✓");

        assertThat(environment()).containsEntry("odd key", "a=b: c\\d\n#e!f é ✓");
    }

    @Test
    void theRunStartWritesExecutorAndCategories() throws IOException {
        bus.register(new AllureEnvironment(results));
        bus.publish(new RunStarted(AT, "20250314-093012-abcd", "sim"));

        Map<String, Object> executor = new ObjectMapper().readValue(results.resolve("executor.json").toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        assertThat(executor).containsEntry("name", "jailspec").containsEntry("type", "maven")
                .containsEntry("buildName", "jailspec run 20250314-093012-abcd on sim");
        assertThat(results.resolve("categories.json")).content().contains("\"harness defect\"");
    }
}
