package dev.jailspec.provision;

import static dev.jailspec.provision.SimRuns.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jailspec.sim.SimHost;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix of issue 5: for each command of the runbook a fault is injected into one small
 * run (a fresh simulated host for the template's commands, a copy of one with a ready template for
 * the jail's), and then:
 * the run fails at that step with a message naming the step and the command; teardown runs and
 * leaves no jail, no epair and no marked dataset but the kept tree and complete template; an
 * unmarked dataset made beforehand (beside the root, and inside it) is untouched; rc.conf is
 * byte for byte what it was; the lock is released.
 */
class FaultMatrixTest {
    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path dir;

    private static dev.jailspec.config.Settings settings(Path root, String faults) {
        return SimRuns.settings(root, SimRuns.cache(), "250ms", "jailspec.sim.faults", faults);
    }

    static Stream<Arguments> faults() {
        String tree = "create the dataset tree zdata/jails/{media,templates,containers}";
        String template = "create the template dataset zdata/jails/templates/14.3-RELEASE";
        String base = "install the 14.3-RELEASE base system into /zdata/jails/templates/14.3-RELEASE";
        String update = "apply the security patches of 14.3-RELEASE to the template with freebsd-update";
        String snapshot = "snapshot the template as zdata/jails/templates/14.3-RELEASE@base";
        String abi = "enable the Linux ABI";
        String atBoot = "enable jails at boot";
        String clone = "clone zdata/jails/templates/14.3-RELEASE@base to zdata/jails/containers/lrdev";
        String rocky = "build the Linux template zdata/jails/templates/14.3-RELEASE-rocky9 (the Rocky Linux 9 image"
                + " extracted once, snapshotted as zdata/jails/templates/14.3-RELEASE-rocky9@base) failed";
        String start = "start the jail lrdev with service jail start failed";
        String dnf = "run `dnf -y makecache` in the Linux userland of lrdev failed";
        return Stream.of(
                // the template, on a fresh host
                fresh("zfs create=exit:1", tree, "command `zfs create -p -o jailspec:keep=tree"),
                fresh("zfs create -p -o jailspec:owner=fail", template, "command `zfs create -p -o jailspec:owner"),
                fresh("sha256=fail", base, "command `sha256 -q /zdata/jails/media/14.3-RELEASE-base.txz` exited 1"),
                fresh("tar -xf=stderr:tar: Damaged tar archive", base, "tar: Damaged tar archive"),
                fresh("cp=exit:71", base, "command `cp /etc/resolv.conf /zdata/jails/templates/14.3-RELEASE/etc/resolv.conf` exited 71"),
                fresh("freebsd-update=hang", update, "command `freebsd-update --not-running-from-cron"),
                fresh("zfs snapshot=hang", snapshot, "command `zfs snapshot zdata/jails/templates/14.3-RELEASE@base` did not finish within 250 ms"),
                // the jail, on a host with the template
                jail("sysrc linux_enable=YES=fail", abi, "command `sysrc linux_enable=YES` exited 1"),
                jail("service linux start=exit:2", abi, "command `service linux start` exited 2"),
                jail("sysrc jail_enable=YES=fail", atBoot, "command `sysrc jail_enable=YES jail_parallel_start=YES` exited 1"),
                jail("zfs clone=exit:1", clone, "command `zfs clone -o jailspec:owner=jailspec"),
                // the Linux template (jailspec.linux.template=true): a half-built one is destroyed again
                jail("mkdir -p /zdata=fail", rocky, "command `mkdir -p /zdata/jails/templates/14.3-RELEASE-rocky9` exited 1"),
                jail("tar -xpf=exit:1", rocky, "command `tar -xpf /zdata/jails/media/"),
                jail("cp /etc/resolv.conf=fail", rocky, "command `cp /etc/resolv.conf /zdata/jails/templates/14.3-RELEASE-rocky9/etc/`"),
                jail("zfs snapshot zdata/jails/templates/14.3-RELEASE-rocky9@base=fail", rocky,
                        "command `zfs snapshot zdata/jails/templates/14.3-RELEASE-rocky9@base` exited 1"),
                // the jail without the Linux userland: the same steps, less to extract
                plainJail("service jail start=fail", start, "command `service jail start lrdev` exited 1"),
                plainJail("ifconfig epair253 create=fail", start, "jail: lrdev: /sbin/ifconfig epair253 create up: failed"),
                plainJail("route add default=fail", start, "jail: lrdev: /sbin/route add default 192.168.7.221: failed"),
                plainJail("route add default=hang", start, "command `service jail start lrdev` did not finish within 250 ms"),
                jail("jexec=hang", dnf, "command `jexec lrdev chroot /compat/rocky dnf -y makecache` did not finish within 250 ms"),
                jail("dnf=exit:1", dnf, "command `jexec lrdev chroot /compat/rocky dnf -y makecache` exited 1"));
    }

    /** What a case runs: the Linux jail and dnf in it, or the plain jail only. */
    enum Procedure { LINUX_JAIL_AND_DNF, PLAIN_JAIL }

    private static Arguments fresh(String fault, String step, String command) {
        return Arguments.of(fault, false, Procedure.LINUX_JAIL_AND_DNF, step, command);
    }

    private static Arguments jail(String fault, String step, String command) {
        return Arguments.of(fault, true, Procedure.LINUX_JAIL_AND_DNF, step, command);
    }

    private static Arguments plainJail(String fault, String step, String command) {
        return Arguments.of(fault, true, Procedure.PLAIN_JAIL, step, command);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void theRunFailsAtTheStepNamingTheCommandAndTeardownLeavesTheHostAsItWas(String fault, boolean fromTemplate,
                                                                               Procedure procedure, String step,
                                                                               String command) {
        Path root = dir.resolve("host");
        if (fromTemplate) {
            SimRuns.copy(SimRuns.templateHost(), root);
        }
        SimHost before = SimRuns.plain(root);
        ok(before, "zfs", "create", "zdata/keepme");
        if (fromTemplate) {
            // Inside the root it inherits the tree's marks: inherited is not jailspec's own.
            ok(before, "zfs", "create", "zdata/jails/containers/keepme");
        }
        byte[] rcConf = before.readFile("/etc/rc.conf");

        Throwable failure;
        try (JailspecRun run = SimRuns.open(settings(root, fault), "fault-" + RUNS.incrementAndGet())) {
            Provisioner p = new Provisioner(run);
            failure = catchThrowable(() -> {
                if (procedure == Procedure.PLAIN_JAIL) {
                    p.ensureJailRunning(false);
                } else {
                    p.ensureLinuxJailRunning();
                    p.runInLinuxUserland(List.of("dnf", "-y", "makecache"));
                }
            });
            p.teardown();
        }

        assertThat(failure).as("what %s did to the run", fault).isInstanceOf(ProvisionException.class)
                .hasMessageContaining(step).hasMessageContaining(command);
        SimHost after = SimRuns.plain(root);
        assertThat(SimRuns.jails(after)).as("jails").isEmpty();
        assertThat(SimRuns.interfaces(after)).as("interfaces").noneMatch(i -> i.startsWith("epair"));
        assertThat(SimRuns.markedNotKept(after)).as("marked datasets left").isEmpty();
        assertThat(after.stat("/etc/jail.conf.d/lrdev.conf")).as("the jail's file").isEmpty();
        assertThat(after.stat(RunLock.PATH)).as("the lock").isEmpty();
        assertThat(after.readFile("/etc/rc.conf")).as("/etc/rc.conf").isEqualTo(rcConf);
        assertThat(ok(after, "zfs", "list", "-H", "-o", "name", "zdata/keepme")).isEqualTo("zdata/keepme\n");
        if (fromTemplate) {
            assertThat(ok(after, "zfs", "list", "-H", "-o", "name", "zdata/jails/containers/keepme"))
                    .isEqualTo("zdata/jails/containers/keepme\n");
            assertThat(ok(after, "zfs", "list", "-H", "-o", "name", "zdata/jails/templates/14.3-RELEASE@base"))
                    .as("the template stays").isNotEmpty();
        } else {
            assertThat(after.run(dev.jailspec.host.Command.of("zfs", "list", "zdata/jails/templates/14.3-RELEASE"))
                    .exitCode()).as("an incomplete template is not left").isEqualTo(1);
        }
    }
}
