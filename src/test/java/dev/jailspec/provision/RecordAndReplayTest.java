package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.Transcript;
import dev.jailspec.sim.SimHost;
import dev.jailspec.sim.SimHostSpec;
import dev.jailspec.sim.TranscriptReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jailspec.record on sim writes transcripts that replay clean against a fresh simulated host. */
class RecordAndReplayTest {
    @TempDir
    Path dir;

    @Test
    void aRecordedRunReplaysCleanOnAFreshSimulatedHost() throws IOException {
        Path record = dir.resolve("transcripts");
        // A dying jail is freed by the clock, and a replay runs at its own pace (faster, or on a loaded
        // machine slower, than the run): without the recorded timing, a removed jail dies at once
        // (jailspec.sim.dying=0s), so the answers do not depend on time.
        var settings = SimRuns.settings(dir.resolve("host"), dir.resolve("cache"), "5s", "jailspec.record", record.toString(),
                "jailspec.sim.dying", "0s");
        try (JailspecRun run = SimRuns.open(settings, "rec1")) {
            run.publishHostFacts();
            var provisioner = new Provisioner(run);
            provisioner.ensureLinuxJailRunning();
            provisioner.runInLinuxUserland(List.of("dnf", "-y", "makecache"));
            provisioner.teardown();
        }

        List<Path> files;
        try (Stream<Path> s = Files.list(record)) {
            files = s.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("0001-mkdir.txt", "host.txt")
                .anyMatch(n -> n.matches("\\d{4}-write\\.txt"))
                .anyMatch(n -> n.matches("\\d{4}-copy\\.txt"))
                .anyMatch(n -> n.matches("\\d{4}-dnf\\.txt"));
        assertThat(Files.readString(record.resolve("host.txt"))).contains("run rec1 on target sim", "zfs version: zfs-2.2.7");
        Path dnf = files.stream().filter(p -> p.getFileName().toString().endsWith("-dnf.txt")).findFirst().orElseThrow();
        Transcript t = Transcript.parse(dnf.toString(), Files.readString(dnf));
        assertThat(t.argv()).containsExactly("jexec", "lrdev", "chroot", "/compat/rocky", "dnf", "-y", "makecache");
        assertThat(t.exit()).hasValue(0);

        // The same simulated host the run had: its release, pool, bridge and clock (the clock decides EoL).
        SimHost fresh = SimHost.create(dir.resolve("fresh"), TargetHost.simSpec(RunRelease.resolve(settings)), settings.clock())
                .withDying(settings.simDying());
        assertThat(TranscriptReplay.replay(fresh, record)).as("differences between the recording and the replay").isEmpty();
    }

    @Test
    void aReplayListsWhatTheSimulatorAnsweredDifferently() throws IOException {
        Path record = Files.createDirectories(dir.resolve("edited"));
        Files.writeString(record.resolve("0001-kldstat.txt"), "$ kldstat -q -m linux64\n# exit: 0\n");
        Files.writeString(record.resolve("0002-sysrc.txt"), "$ sysrc -n jail_enable\nYES\n# exit: 0\n");

        var differences = TranscriptReplay.replay(SimHost.create(dir.resolve("h"), SimHostSpec.defaults()), record);

        assertThat(differences).extracting(TranscriptReplay.Difference::file, TranscriptReplay.Difference::what)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("0001-kldstat.txt", "exit status"),
                        org.assertj.core.groups.Tuple.tuple("0002-sysrc.txt", "output (stdout and stderr)"));
        assertThat(differences.get(1).simulated()).isEqualTo("NO\n");
    }
}
