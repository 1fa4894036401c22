package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.CommandTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jailspec.sim.faults: commands on the host, in jail(8)'s exec.* and inside a jail fail, exit, print or hang. */
class FaultInjectionTest {
    @TempDir
    Path dir;

    private SimHost with(SimFault... faults) {
        return freshHost(dir).withFaults(new SimFaults(List.of(faults)));
    }

    private static SimFault fault(String prefix, SimFault.Kind kind) {
        return new SimFault(prefix, kind, kind == SimFault.Kind.EXIT ? 3 : 1, "");
    }

    @Test
    void failExitsOneWithTheInjectedMessageAndDoesNothing() {
        SimHost host = with(fault("zfs create", SimFault.Kind.FAIL));

        CommandResult r = run(host, "zfs", "create", "zdata/jails");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("sim: injected fault for 'zfs create'\n");
        assertThat(run(host, "zfs", "list", "zdata/jails").stderr()).contains("dataset does not exist");
        assertThat(ok(host, "zfs", "list", "-H", "-o", "name", "zdata")).isEqualTo("zdata\n");
    }

    @Test
    void exitAndStderrChooseTheStatusAndTheText() {
        SimHost host = with(fault("sysrc jail_enable=", SimFault.Kind.EXIT),
                new SimFault("kldload", SimFault.Kind.STDERR, 1, "kldload: can't load linux64: No such file or directory"));

        assertThat(run(host, "sysrc", "jail_enable=YES").exitCode()).isEqualTo(3);
        assertThat(run(host, "sysrc", "-n", "jail_enable").stdout()).isEqualTo("NO\n");
        CommandResult k = run(host, "kldload", "linux64");
        assertThat(k.exitCode()).isEqualTo(1);
        assertThat(k.stderr()).isEqualTo("kldload: can't load linux64: No such file or directory\n");
    }

    @Test
    void aHangIsKilledAtTheCommandsTimeoutAndTheHostStaysUsable() {
        SimHost host = with(fault("zfs snapshot", SimFault.Kind.HANG));
        long start = System.nanoTime();

        assertThatThrownBy(() -> host.run(Command.of("zfs", "snapshot", "zdata@x").withTimeout(Duration.ofMillis(150))))
                .isInstanceOf(CommandTimeoutException.class)
                .hasMessageContaining("command `zfs snapshot zdata@x` did not finish within 150 ms and was killed after");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(2));
        assertThat(ok(host, "zfs", "list", "-H", "-o", "name", "zdata")).isEqualTo("zdata\n");
    }

    @Test
    void aFaultInExecPrestartFailsTheJailsStartAsJail8Reports() {
        SimHost host = freshHost(dir);
        ThinJailFixture.cloneJail(host);
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);
        SimHost faulty = host.withFaults(new SimFaults(List.of(fault("ifconfig epair253 create", SimFault.Kind.FAIL))));

        String out = ok(faulty, "service", "jail", "onestart", "lrdev");

        assertThat(out).contains("cannot start jail  \"lrdev\"")
                .contains("sim: injected fault for 'ifconfig epair253 create'")
                .contains("jail: lrdev: ifconfig epair253 create up: failed");
        assertThat(run(host, "jls", "-j", "lrdev").exitCode()).isEqualTo(1);
    }

    @Test
    void aProgramWrittenWithItsDirectoryMatchesAPrefixWithout() {
        SimFault f = fault("ifconfig epair253 create", SimFault.Kind.FAIL);

        assertThat(f.matches(List.of("/sbin/ifconfig", "epair253", "create", "up"))).isTrue();
        assertThat(f.matches(List.of("ifconfig", "epair253a", "up"))).isFalse();
    }

    @Test
    void faultsApplyInsideAJailAndInItsLinuxUserland() {
        SimHost host = freshHost(dir);
        ThinJailFixture.cloneJail(host);
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);
        ok(host, "service", "jail", "onestart", "lrdev");
        SimHost faulty = host.withFaults(new SimFaults(List.of(fault("hostname", SimFault.Kind.FAIL))));

        CommandResult r = run(faulty, "jexec", "lrdev", "hostname");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("sim: injected fault for 'hostname'\n");
        assertThat(ok(host, "jexec", "lrdev", "hostname")).isEqualTo("lrdev\n");
    }

    @Test
    void aHangInsideAJailKeepsWhatRanBefore() {
        SimHost host = freshHost(dir);
        ThinJailFixture.cloneJail(host);
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);
        SimHost faulty = host.withFaults(new SimFaults(List.of(fault("route add default", SimFault.Kind.HANG))));

        assertThatThrownBy(() -> faulty.run(Command.of("service", "jail", "onestart", "lrdev")
                .withTimeout(Duration.ofMillis(100))))
                .isInstanceOf(CommandTimeoutException.class)
                .hasMessageContaining("service jail onestart lrdev");

        // exec.prestart ran before the hang: the epair is there, as after a killed jail(8) on FreeBSD.
        assertThat(ok(host, "ifconfig", "-l")).contains("epair253a");
    }
}
