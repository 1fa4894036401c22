package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jailspec.config.SettingsLoader;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.HostReconnect;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Command;
import dev.jailspec.host.TransportException;
import dev.jailspec.host.ssh.TestSshd;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run over real OpenSSH to the simulator whose connection drops: the command then running fails
 * with a transport error naming host and command, the next command logs in again (bounded, each
 * attempt a {@link HostReconnect} on the bus), and the failed scenario's teardown runs once the
 * host is back.
 */
class ReconnectOverSshTest {
    private static final String PLANTED = "zdata/jails/containers/planted";
    // Hangs on the simulator (jailspec.sim.faults) until its timeout: a command the test can cut the connection under.
    private static final Command HANGS = Command.of("jls", "-j", "hangs").withTimeout(Duration.ofSeconds(20));

    @TempDir
    Path dir;
    private SimTargetOverSsh target;
    private JailspecRun run;
    private final EventBus bus = new EventBus();
    private final List<HostReconnect> reconnects = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openRunOverSsh() {
        TestSshd.assumeInstalled();
        var sim = new Properties();
        sim.setProperty("jailspec.sim.faults", "jls -j hangs=hang");
        target = SimTargetOverSsh.start(dir, sim);
        var overSsh = new Properties();
        target.systemProperties().forEach(overSsh::setProperty);
        overSsh.setProperty("jailspec.lock.wait", "1s");
        // TargetHost reads ~/.ssh as ssh(1) does, from user.home: the sshd's known_hosts line and key, for the open only.
        String home = System.getProperty("user.home");
        System.setProperty("user.home", overSsh.getProperty("user.home"));
        overSsh.remove("user.home");
        bus.subscribe(HostReconnect.class, reconnects::add);
        try {
            run = JailspecRun.open(SettingsLoader.load(dir, Map.of(), overSsh), bus, "reconnect");
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @AfterEach
    void close() {
        if (run != null) {
            run.close();
        }
        if (target != null) {
            target.close();
        }
    }

    /** Runs {@link #HANGS} and, once the sshd runs it, cuts the connection with {@code cut}; returns what the command threw. */
    private Throwable cutUnder(Runnable cut) throws Exception {
        CompletableFuture<Void> command = CompletableFuture.runAsync(() -> run.host().run(HANGS));
        TestSshd sshd = target.behind().sshd();
        await("the hanging command in an sshd session").atMost(Duration.ofSeconds(10)).until(() -> sshd.runs("sim-entry.pl"));
        cut.run();
        try {
            command.get(15, TimeUnit.SECONDS);
            throw new AssertionError("the command survived its connection");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void aDroppedSessionFailsTheCommandAndTheTeardownRunsOnceLoggedInAgain() throws Exception {
        Provisioner scenario = new Provisioner(run);
        scenario.createDatasetTree();
        scenario.plantForeignDataset(PLANTED);

        Throwable failure = cutUnder(() -> target.behind().sshd().killSessions());

        assertThat(failure).isInstanceOf(TransportException.class)
                .hasMessageContaining("lost the SSH connection to " + target.systemProperties().get("jailspec.target"))
                .hasMessageContaining("jls -j hangs");
        scenario.teardown();
        assertThat(reconnects).singleElement().satisfies(e -> {
            assertThat(e.succeeded()).isTrue();
            assertThat(e.attempt()).isEqualTo(1);
            assertThat(e.maxAttempts()).isEqualTo(3);
        });
        assertThat(new Zfs(target.simHost()).exists(PLANTED)).isFalse();
        // The next scenario runs on the same connection.
        assertThat(new Provisioner(run).host().run(Command.probe("uname", "-s")).stdout()).isEqualTo("FreeBSD\n");
        assertThat(reconnects).hasSize(1);
    }

    @Test
    void whileSshdIsDownTheLoginsAreBoundedAndReportedThenTheNextScenarioGetsIn() throws Exception {
        TestSshd sshd = target.behind().sshd();
        Throwable failure = cutUnder(sshd::kill);
        assertThat(failure).isInstanceOf(TransportException.class);

        assertThatThrownBy(() -> run.host().run(Command.probe("uname", "-s")))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("dropped and 3 logins again failed");
        assertThat(reconnects).hasSize(3).allSatisfy(e -> {
            assertThat(e.succeeded()).isFalse();
            assertThat(e.reason()).contains("cannot log in to");
        });

        sshd.restart();
        assertThat(run.host().run(Command.probe("uname", "-s")).stdout()).isEqualTo("FreeBSD\n");
        assertThat(reconnects).hasSize(4).last().satisfies(e -> assertThat(e.succeeded()).isTrue());
    }
}
