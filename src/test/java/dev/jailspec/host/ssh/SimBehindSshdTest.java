package dev.jailspec.host.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.CommandTimeoutException;
import dev.jailspec.host.FileStat;
import dev.jailspec.host.OutputLine;
import dev.jailspec.sim.SimFault;
import dev.jailspec.sim.SimFaults;
import dev.jailspec.sim.SimHost;
import dev.jailspec.sim.SimHostSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SshHost through a real OpenSSH sshd to the resident simulator: what the feature suite over SSH rests on. */
class SimBehindSshdTest {
    @TempDir
    static Path dir;
    private static SimHost sim;
    private static HostBehindSshd behind;
    private static SshHost host;

    @BeforeAll
    static void start() {
        TestSshd.assumeInstalled();
        // A hang injected into one program, to see timeout(1)'s part played by the simulator.
        sim = SimHost.create(dir.resolve("root"), SimHostSpec.defaults())
                .withFaults(new SimFaults(List.of(new SimFault("jls -j hangs", SimFault.Kind.HANG, 0, ""))));
        behind = HostBehindSshd.start(dir.resolve("ssh"), sim);
        host = behind.open();
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
        if (behind != null) {
            behind.close();
        }
    }

    @Test
    void aCommandRunsOnTheSimulatorWithItsOutputLinesAndExitStatus() {
        var lines = new ArrayList<OutputLine>();

        CommandResult uname = host.run(Command.of("uname", "-s"), lines::add);
        CommandResult missing = host.run(Command.of("zfs", "list", "zdata/none"));

        assertThat(uname.exitCode()).isZero();
        assertThat(uname.stdout()).isEqualTo(sim.run(Command.of("uname", "-s")).stdout()).isEqualTo("FreeBSD\n");
        assertThat(lines).containsExactly(new OutputLine(OutputLine.Stream.STDOUT, "FreeBSD"));
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo(sim.run(Command.of("zfs", "list", "zdata/none")).stderr());
    }

    @Test
    void stdinAndTheWorkingDirectoryReachTheSimulatedProgram() {
        CommandResult cat = host.run(Command.of("cat").withStdin("one\ntwo"));
        CommandResult relative = host.run(Command.of("ls", "etc").withWorkingDirectory("/"));

        assertThat(cat.stdout()).isEqualTo("one\ntwo");
        assertThat(relative.stdout()).isEqualTo(sim.run(Command.of("ls", "/etc")).stdout());
    }

    @Test
    void aHungCommandIsKilledByTheTimeoutItRunsUnder() {
        Command hang = Command.of("jls", "-j", "hangs").withTimeout(Duration.ofMillis(800));
        long start = System.nanoTime();

        assertThatThrownBy(() -> host.run(hang)).isInstanceOf(CommandTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(800), Duration.ofSeconds(8));
        assertThat(host.run(Command.of("uname", "-s")).exitCode()).isZero();
    }

    @Test
    void filesGoThroughSftpToTheSimulatorsOwnFiles() {
        host.writeFile("/etc/jail.conf.d/x.conf", "x {}\n".getBytes(StandardCharsets.UTF_8), 0640);

        Optional<FileStat> stat = host.stat("/etc/jail.conf.d/x.conf");

        assertThat(stat).isEqualTo(sim.stat("/etc/jail.conf.d/x.conf"));
        assertThat(stat.orElseThrow().mode()).isEqualTo(0640);
        assertThat(host.readFile("/etc/jail.conf.d/x.conf")).isEqualTo(sim.readFile("/etc/jail.conf.d/x.conf"));
        assertThat(host.list("/etc/jail.conf.d")).isEqualTo(sim.list("/etc/jail.conf.d")).contains("x.conf");
        assertThat(host.stat("/etc/none")).isEmpty();
        assertThat(host.stat("/etc/rc.conf")).isEqualTo(sim.stat("/etc/rc.conf"));
    }
}
