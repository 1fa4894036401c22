package dev.jailspec.provision;

import static dev.jailspec.provision.SimRuns.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.sim.SimHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that dies mid-run: killed outright (SIGKILL), the next run's reaper removes what it left;
 * stopped with SIGTERM (what Ctrl-C amounts to), its own shutdown hook tears down.
 */
class CrashedRunTest {
    @TempDir
    Path dir;

    private Process child;
    private Thread reader;
    private final ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();

    @AfterEach
    void noChildLeft() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    /** Starts {@link CrashingRun} on a copy of the template host and waits until its jail runs. */
    private Path startChildWithARunningJail() throws IOException {
        Path root = dir.resolve("host");
        SimRuns.copy(SimRuns.templateHost(), root);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingRun.class.getName(),
                root.toString(), SimRuns.cache().toString(), "crashing-run")
                .redirectErrorStream(true).start();
        reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(output::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // the child was killed; what it printed before is in output
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            Awaitility.await("the child JVM's jail running").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .failFast("the child JVM exited", () -> !child.isAlive())
                    .until(() -> output.contains("READY"));
        } catch (org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError("the child JVM exited before its jail ran; it printed:\n" + String.join("\n", output), e);
        }
        SimHost host = SimRuns.plain(root);
        assertThat(SimRuns.jails(host)).as("jails while the child runs").hasSize(1);
        return root;
    }

    @Test
    void afterAKillTheNextRunsReaperLeavesTheHostClean() throws Exception {
        Path root = startChildWithARunningJail();

        child.destroyForcibly().waitFor();

        SimHost left = SimRuns.plain(root);
        assertThat(SimRuns.jails(left)).as("the killed run's jail").hasSize(1);
        assertThat(left.stat(RunLock.PATH)).as("its lock").isPresent();

        List<String> reaped;
        try (JailspecRun next = SimRuns.open(SimRuns.settings(root, SimRuns.cache(), "5s"), "next-run")) {
            reaped = next.reaped();
        }

        assertThat(reaped).as("what the reaper reported").anySatisfy(r -> assertThat(r).startsWith("stopped the jail lrdev"))
                .anySatisfy(r -> assertThat(r).isEqualTo("removed /etc/jail.conf.d/lrdev.conf"))
                .anySatisfy(r -> assertThat(r).startsWith("destroyed the dataset zdata/jails/containers/lrdev"
                        + " (jailspec:run=crashing-run"));
        SimHost after = SimRuns.plain(root);
        assertClean(after);
    }

    @Test
    void theReaperWaitsForTheKilledRunsJailToStopDying() throws Exception {
        Path root = startChildWithARunningJail();
        child.destroyForcibly().waitFor();

        List<String> reaped;
        try (JailspecRun next = SimRuns.open(SimRuns.settings(root, SimRuns.cache(), "5s",
                "jailspec.sim.faults", "jail -r lrdev=dying:700ms"), "next-run")) {
            reaped = next.reaped();
        }

        assertThat(reaped).anySatisfy(r -> assertThat(r).startsWith("destroyed the dataset zdata/jails/containers/lrdev"));
        assertClean(SimRuns.plain(root));
    }

    @Test
    void sigtermRunsTheShutdownHookWhichTearsDown() throws Exception {
        Path root = startChildWithARunningJail();
        byte[] rcConfOfTemplate = SimRuns.plain(SimRuns.templateHost()).readFile("/etc/rc.conf");

        // SIGTERM through the handle: Process.destroy() would also close our end of its output.
        assertThat(child.toHandle().destroy()).isTrue();
        assertThat(child.waitFor()).as("exit status after SIGTERM").isNotZero();
        reader.join(5_000);

        SimHost after = SimRuns.plain(root);
        assertClean(after);
        assertThat(after.readFile("/etc/rc.conf")).as("rc.conf restored by the hook").isEqualTo(rcConfOfTemplate);
        assertThat(String.join("\n", output)).contains("the JVM is shutting down with 1 scenario(s) open; tearing down");
    }

    private static void assertClean(SimHost host) {
        assertThat(SimRuns.jails(host)).as("jails").isEmpty();
        assertThat(SimRuns.interfaces(host)).as("interfaces").noneMatch(i -> i.startsWith("epair"));
        assertThat(host.run(dev.jailspec.host.Command.of("zfs", "list", "zdata/jails/containers/lrdev")).exitCode())
                .as("the clone").isEqualTo(1);
        assertThat(host.stat("/etc/jail.conf.d/lrdev.conf")).as("the jail's file").isEmpty();
        assertThat(ok(host, "zfs", "list", "-H", "-o", "name", "zdata/jails/templates/14.3-RELEASE@base"))
                .as("the template stays").isNotBlank();
        assertThat(SimRuns.markedNotKept(host)).as("marked datasets left").isEmpty();
        assertThat(host.stat(RunLock.PATH)).as("the lock").isEmpty();
    }
}
