package dev.jailspec.provision;

import static dev.jailspec.provision.SimRuns.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jailspec.config.Settings;
import dev.jailspec.host.Command;
import dev.jailspec.sim.SimHost;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jailspec never destroys, overwrites or stops what does not carry its mark: a conflict stops the
 * run naming the object and what to do, and neither teardown nor the reaper touch it.
 */
class OwnershipTest {
    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path dir;
    Path root;
    SimHost host;

    @BeforeEach
    void hostWithTemplate() {
        root = dir.resolve("host");
        SimRuns.copy(SimRuns.templateHost(), root);
        host = SimRuns.plain(root);
    }

    private Settings settings() {
        return SimRuns.settings(root, SimRuns.cache(), "1s");
    }

    private JailspecRun open() {
        return SimRuns.open(settings(), "run-" + RUNS.incrementAndGet());
    }

    private boolean exists(String dataset) {
        return host.run(Command.of("zfs", "list", dataset)).exitCode() == 0;
    }

    @Test
    void aDatasetWhereTheCloneGoesThatJailspecDidNotCreateStopsTheRunAndStays() {
        ok(host, "zfs", "create", "zdata/jails/containers/lrdev");

        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            assertThatThrownBy(() -> p.ensureJailRunning(false)).isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("clone zdata/jails/templates/14.3-RELEASE@base to zdata/jails/containers/lrdev"
                            + " failed: zdata/jails/containers/lrdev already exists and was not created by this run")
                    .hasMessageContaining("zfs destroy -r zdata/jails/containers/lrdev")
                    .hasMessageContaining("jailspec.jail.name");
            p.teardown();
        }
        assertThat(exists("zdata/jails/containers/lrdev")).isTrue();
        // ... and the next run's reaper leaves it alone too: it inherits the tree's mark, it does not carry one.
        try (JailspecRun next = open()) {
            assertThat(next.reaped()).isEmpty();
        }
        assertThat(exists("zdata/jails/containers/lrdev")).isTrue();
    }

    @Test
    void aConfigurationFileJailspecDidNotWriteIsNeitherOverwrittenNorRemoved() {
        String foreign = "lrdev { path = \"/somewhere\"; }\n";
        host.writeText("/etc/jail.conf.d/lrdev.conf", foreign);

        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            assertThatThrownBy(() -> p.ensureJailRunning(false))
                    .hasMessageContaining("write the jail's configuration /etc/jail.conf.d/lrdev.conf failed:"
                            + " /etc/jail.conf.d/lrdev.conf already exists and was not written by jailspec");
            p.teardown();
        }
        assertThat(host.readText("/etc/jail.conf.d/lrdev.conf")).isEqualTo(foreign);
        assertThat(exists("zdata/jails/containers/lrdev")).as("the clone made before is taken back").isFalse();
    }

    @Test
    void anEpairOfTheJailsNumberThatIsNotItsStopsTheStart() {
        ok(host, "ifconfig", "epair253", "create");
        ok(host, "ifconfig", "epair253a", "descr", "vm:builder");

        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            assertThatThrownBy(() -> p.ensureJailRunning(false))
                    .hasMessageContaining("start the jail lrdev with service jail start failed: epair253a already"
                            + " exists and is not this jail's (its description is 'vm:builder', jailspec's is 'jail:lrdev');"
                            + " choose another jailspec.jail.id");
            p.teardown();
        }
        assertThat(SimRuns.interfaces(host)).contains("epair253a", "epair253b");
    }

    @Test
    void anEpairMarkedAsTheJailsThatAFailedStartLeftIsUndoneBeforeTheStart() {
        ok(host, "ifconfig", "epair253", "create");
        ok(host, "ifconfig", "epair253a", "descr", "jail:lrdev");

        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.ensureJailRunning(false);
            assertThat(SimRuns.jails(host)).as("the jail after the start").hasSize(1);
            assertThat(ok(host, "ifconfig", "epair253a")).as("the jail's own epair").contains("description: jail:lrdev");
            p.teardown();
        }
        assertThat(SimRuns.interfaces(host)).noneMatch(i -> i.startsWith("epair"));
    }

    @Test
    void anUnmarkedTemplateIsNotExtractedInto() {
        Path fresh = dir.resolve("fresh");
        SimHost other = SimRuns.plain(fresh);
        ok(other, "zfs", "create", "-p", "zdata/jails/templates/14.3-RELEASE");

        try (JailspecRun run = SimRuns.open(SimRuns.settings(fresh, SimRuns.cache(), "1s"), "run-x")) {
            Provisioner p = new Provisioner(run);
            assertThatThrownBy(p::ensureTemplate)
                    .hasMessageContaining("create the template dataset zdata/jails/templates/14.3-RELEASE failed:"
                            + " zdata/jails/templates/14.3-RELEASE already exists and was not created by jailspec");
            p.teardown();
        }
        assertThat(other.run(Command.of("zfs", "list", "zdata/jails/templates/14.3-RELEASE")).exitCode()).isZero();
    }

    @Test
    void theReaperRemovesOnlyWhatCarriesAnEarlierRunsMark() {
        // A run that kept its jail (jailspec.teardown=never) and ended.
        try (JailspecRun kept = open()) {
            Provisioner p = new Provisioner(kept);
            p.ensureJailRunning(false);
            p.release();
        }
        // Things that are not jailspec's, next to it.
        ok(host, "zfs", "create", "zdata/jails/containers/mine");
        ok(host, "zfs", "create", "zdata/elsewhere");
        host.writeText("/etc/jail.conf.d/mine.conf", "mine { path = \"/zdata/jails/containers/mine\"; }\n");
        ok(host, "ifconfig", "epair7", "create");
        ok(host, "ifconfig", "epair7a", "descr", "jail:mine");

        List<String> reaped;
        try (JailspecRun next = open()) {
            reaped = next.reaped();
        }

        assertThat(reaped).hasSize(3).anySatisfy(r -> assertThat(r).startsWith("stopped the jail lrdev"))
                .contains("removed /etc/jail.conf.d/lrdev.conf")
                .anySatisfy(r -> assertThat(r).startsWith("destroyed the dataset zdata/jails/containers/lrdev"));
        assertThat(SimRuns.jails(host)).isEmpty();
        assertThat(SimRuns.interfaces(host)).doesNotContain("epair253a").contains("epair7a");
        assertThat(exists("zdata/jails/containers/mine")).isTrue();
        assertThat(exists("zdata/elsewhere")).isTrue();
        assertThat(host.stat("/etc/jail.conf.d/mine.conf")).isPresent();
        assertThat(exists("zdata/jails/templates/14.3-RELEASE@base")).as("the template stays").isTrue();
    }

    @Test
    void aLeftoverHoldingSomethingUnmarkedIsNotDestroyedAndTheRunStopsSayingWhy() {
        try (JailspecRun crashed = open()) {
            Provisioner p = new Provisioner(crashed);
            p.cloneJail();
            p.release();
        }
        ok(host, "zfs", "create", "zdata/jails/containers/lrdev/data");

        Throwable failure = catchThrowable(this::open);

        assertThat(failure).isInstanceOf(ProvisionException.class)
                .hasMessageContaining("the reaper could not remove what earlier jailspec runs left")
                .hasMessageContaining("zdata/jails/containers/lrdev holds zdata/jails/containers/lrdev/data, which"
                        + " jailspec did not create; nothing was destroyed")
                .hasMessageContaining("zfs destroy -r zdata/jails/containers/lrdev");
        assertThat(exists("zdata/jails/containers/lrdev/data")).isTrue();
        assertThat(host.stat(RunLock.PATH)).as("a run that failed to open releases the lock").isEmpty();
    }

    @Test
    void rcConfIsRestoredAtTeardownUnlessHostConfigIsKept() {
        byte[] before = host.readFile("/etc/rc.conf");
        try (JailspecRun run = open()) {
            Provisioner p = new Provisioner(run);
            p.enableJailsAtBoot();
            p.teardown();
        }
        assertThat(host.readFile("/etc/rc.conf")).isEqualTo(before);

        try (JailspecRun run = SimRuns.open(SimRuns.settings(root, SimRuns.cache(), "1s",
                "jailspec.teardown.hostconfig", "keep"), "keeping-run")) {
            Provisioner p = new Provisioner(run);
            p.enableJailsAtBoot();
            p.teardown();
        }
        assertThat(ok(host, "sysrc", "-n", "jail_enable", "jail_parallel_start")).isEqualTo("YES\nYES\n");
    }

    @Test
    void anIncompleteTemplateOfAnEarlierRunIsReapedACompleteOneKept() {
        Path fresh = dir.resolve("fresh");
        try (JailspecRun crashed = SimRuns.open(SimRuns.settings(fresh, SimRuns.cache(), "1s"), "crashed")) {
            Provisioner p = new Provisioner(crashed);
            p.createDatasetTree();
            p.createTemplateDataset();
            p.release();
        }
        List<String> reaped;
        try (JailspecRun next = SimRuns.open(SimRuns.settings(fresh, SimRuns.cache(), "1s"), "next")) {
            reaped = next.reaped();
        }
        assertThat(reaped).containsExactly(
                "destroyed the dataset zdata/jails/templates/14.3-RELEASE (jailspec:run=crashed)");
        SimHost after = SimRuns.plain(fresh);
        assertThat(ok(after, "zfs", "list", "-H", "-o", "name", "-r", "zdata/jails")).isEqualTo(
                "zdata/jails\nzdata/jails/containers\nzdata/jails/media\nzdata/jails/templates\n");
    }
}
