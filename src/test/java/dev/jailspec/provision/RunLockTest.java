package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.config.Settings;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.sim.SimHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per host: a second run waits jailspec.lock.wait, then fails naming the holder; a dead holder's lock is taken over. */
class RunLockTest {
    @TempDir
    Path dir;

    private Settings settings(String wait) {
        return SimRuns.settings(dir.resolve("host"), dir.resolve("cache"), "1s", "jailspec.lock.wait", wait);
    }

    @Test
    void aSecondRunWaitsThenFailsNamingTheHolder() {
        try (JailspecRun first = SimRuns.open(settings("1s"), "first-run")) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> SimRuns.open(settings("400ms"), "second-run"))
                    .isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("another jailspec run holds the lock /var/run/jailspec.lock on sim:")
                    .hasMessageContaining("run first-run (pid " + ProcessHandle.current().pid() + " on "
                            + RunLock.thisMachine())
                    .hasMessageContaining("waited 400 ms (jailspec.lock.wait)")
                    .hasMessageContaining("rm -r /var/run/jailspec.lock");

            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
            assertThat(SimRuns.plain(dir.resolve("host")).readText(RunLock.HOLDER)).contains("run=first-run");
        }
        try (JailspecRun third = SimRuns.open(settings("400ms"), "third-run")) {
            assertThat(SimRuns.plain(dir.resolve("host")).readText(RunLock.HOLDER)).contains("run=third-run");
        }
        assertThat(SimRuns.plain(dir.resolve("host")).stat(RunLock.PATH)).as("released at close").isEmpty();
    }

    @Test
    void theLockOfARunWhoseJvmIsGoneIsTakenOver() throws IOException, InterruptedException {
        SimHost host = SimRuns.plain(dir.resolve("host"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        SimRuns.ok(host, "mkdir", RunLock.PATH);
        host.writeText(RunLock.HOLDER, new RunLock.Holder("crashed-run", gone.pid(), RunLock.thisMachine(), "",
                "2026-01-01T00:00:00Z").render());
        var bus = new EventBus();
        List<String> notes = new ArrayList<>();
        bus.subscribe(Note.class, n -> notes.add(n.text()));

        try (JailspecRun run = JailspecRun.open(settings("400ms"), bus, "next-run")) {
            assertThat(host.readText(RunLock.HOLDER)).contains("run=next-run");
        }
        assertThat(notes).anySatisfy(n -> assertThat(n).startsWith("lock: run crashed-run (pid " + gone.pid())
                .contains("is gone; taking over /var/run/jailspec.lock"));
    }

    @Test
    void aHolderOnAnotherMachineIsNeverTakenOver() {
        SimHost host = SimRuns.plain(dir.resolve("host"));
        SimRuns.ok(host, "mkdir", RunLock.PATH);
        host.writeText(RunLock.HOLDER, new RunLock.Holder("remote-run", 1, "build-box-7", "", "2026-01-01T00:00:00Z")
                .render());

        assertThatThrownBy(() -> SimRuns.open(settings("200ms"), "next-run"))
                .hasMessageContaining("run remote-run (pid 1 on build-box-7, since 2026-01-01T00:00:00Z)");
        assertThat(host.readText(RunLock.HOLDER)).contains("run=remote-run");
    }
}
