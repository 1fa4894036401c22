package dev.jailspec.provision;

import static dev.jailspec.provision.SimRuns.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.WaitFinished;
import dev.jailspec.freebsd.JailPresence;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.sim.SimHost;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teardown of a jail that stays dying after {@code jail -r} (freebsd-facts 9.3), on the simulated
 * host with the real {@link Teardown}: it waits (a reported wait) until the jail is freed and
 * then destroys the clone; past {@code jailspec.teardown.dying.wait} it fails naming the state,
 * and still does its other undos.
 */
class DyingTeardownTest {
    private static final String CLONE = "zdata/jails/containers/lrdev";

    @TempDir
    Path dir;

    /** The waits for a removed jail to be freed (not the start step's wait for it to run). */
    private final List<WaitFinished> waits = new CopyOnWriteArrayList<>();

    private JailspecRun open(Path root, String runId, String... extra) {
        EventBus bus = new EventBus();
        bus.subscribe(WaitFinished.class, w -> {
            if (w.alias().contains(" freed")) {
                waits.add(w);
            }
        });
        return JailspecRun.open(SimRuns.settings(root, SimRuns.cache(), "5s", extra), bus, runId);
    }

    private Path hostWithTemplate() {
        Path root = dir.resolve("host");
        SimRuns.copy(SimRuns.templateHost(), root);
        return root;
    }

    @Test
    void aJailThatMadeConnectionsIsWaitedForThenTornDownCompletely() {
        Path root = hostWithTemplate();
        try (JailspecRun run = open(root, "dying-network", "jailspec.sim.dying", "700ms",
                "jailspec.teardown.dying.wait", "10s")) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            p.runInLinuxUserland(List.of("dnf", "-y", "makecache")); // downloads: network connections in the jail
            p.teardown();
        }
        assertThat(waits).as("the reported wait for the dying jail").singleElement().satisfies(w -> {
            assertThat(w.alias()).contains("lrdev").contains("zfs destroy -r " + CLONE);
            assertThat(w.satisfied()).isTrue();
            assertThat(w.polls()).isGreaterThan(1);
        });
        assertNothingLeft(SimRuns.plain(root));
    }

    /** Starts the plain jail (no Linux userland, no network use), tears it down; returns the host. */
    private Path plainJailTornDown(String runId, String... extra) {
        Path root = hostWithTemplate();
        try (JailspecRun run = open(root, runId, extra)) {
            Provisioner p = new Provisioner(run);
            p.ensureJailRunning(false);
            p.teardown();
        }
        return root;
    }

    @Test
    void aJailWithoutConnectionsIsNotWaitedFor() {
        Path root = plainJailTornDown("no-network", "jailspec.sim.dying", "30s");
        assertThat(waits).as("no dying wait without network connections").isEmpty();
        assertNothingLeft(SimRuns.plain(root));
    }

    @Test
    void aForcedDyingJailIsWaitedForToo() {
        Path root = plainJailTornDown("dying-forced", "jailspec.sim.faults", "jail -r=dying:700ms");
        assertThat(waits).singleElement().satisfies(w -> assertThat(w.satisfied()).isTrue());
        assertNothingLeft(SimRuns.plain(root));
    }

    @Test
    void aJailDyingPastTheBoundFailsNamingTheStateAndTheOtherUndosStillRun() {
        Path root = hostWithTemplate();
        Throwable failure;
        try (JailspecRun run = open(root, "dying-long", "jailspec.sim.faults", "jail -r lrdev=dying:1h",
                "jailspec.teardown.dying.wait", "600ms")) {
            Provisioner p = new Provisioner(run);
            p.ensureJailRunning(false);
            failure = catchThrowable(p::teardown);
        }
        assertThat(failure).isInstanceOf(ProvisionException.class)
                .hasMessageContaining("the jail lrdev was removed but is still dying after 600 ms")
                .hasMessageContaining("See it with: jls -d -j lrdev")
                .hasMessageContaining("zfs destroy -r " + CLONE);
        assertThat(waits).singleElement().satisfies(w -> assertThat(w.satisfied()).isFalse());
        SimHost after = SimRuns.plain(root);
        assertThat(new Jls(after).presence("lrdev")).isInstanceOf(JailPresence.Dying.class);
        assertThat(new Jls(after).find("lrdev")).as("dying is not running").isEmpty();
        assertThat(after.stat("/etc/jail.conf.d/lrdev.conf")).as("the jail's file is still removed").isEmpty();
        assertThat(SimRuns.interfaces(after)).as("the epair is still destroyed").noneMatch(i -> i.startsWith("epair"));
        assertThat(after.stat(RunLock.PATH)).as("the lock").isEmpty();
    }

    private static void assertNothingLeft(SimHost after) {
        assertThat(new Jls(after).presence("lrdev")).isInstanceOf(JailPresence.Absent.class);
        assertThat(SimRuns.interfaces(after)).as("interfaces").noneMatch(i -> i.startsWith("epair"));
        assertThat(SimRuns.markedNotKept(after)).as("marked datasets left").isEmpty();
        assertThat(after.run(dev.jailspec.host.Command.of("zfs", "list", CLONE)).exitCode()).as("the clone").isEqualTo(1);
        assertThat(after.stat("/etc/jail.conf.d/lrdev.conf")).as("the jail's file").isEmpty();
        assertThat(ok(after, "jls", "-d")).as("jls -d").doesNotContain("lrdev");
    }
}
