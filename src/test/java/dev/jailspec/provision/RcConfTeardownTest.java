package dev.jailspec.provision;

import static dev.jailspec.provision.SimRuns.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.EventBus;
import dev.jailspec.sim.SimHost;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teardown puts back the rc.conf variables of a scenario's steps together: one {@code sysrc -x}
 * for those that were unset, one {@code sysrc NAME=VALUE ...} for those the admin had set, and
 * nothing for one that already has its old value.
 */
class RcConfTeardownTest {
    @TempDir
    Path dir;

    @Test
    void theVariablesOfTheStepsArePutBackWithOneSysrcEachWay() {
        Path root = dir.resolve("host");
        SimRuns.copy(SimRuns.templateHost(), root);
        SimHost before = SimRuns.plain(root);
        ok(before, "sysrc", "jail_enable=NO");
        byte[] rcConf = before.readFile("/etc/rc.conf");

        EventBus bus = new EventBus();
        List<List<String>> sysrc = new CopyOnWriteArrayList<>();
        bus.subscribe(CommandStarted.class, e -> {
            if (e.argv().get(0).equals("sysrc")) {
                sysrc.add(e.argv());
            }
        });
        try (JailspecRun run = JailspecRun.open(SimRuns.settings(root, SimRuns.cache(), "1s"), bus, "rc-together")) {
            Provisioner p = new Provisioner(run);
            p.enableLinuxAbi();
            p.enableJailsAtBoot();
            sysrc.clear();
            p.teardown();
        }

        assertThat(sysrc).containsExactly(List.of("sysrc", "-x", "jail_parallel_start", "linux_enable"),
                List.of("sysrc", "jail_enable=NO"));
        assertThat(SimRuns.plain(root).readFile("/etc/rc.conf")).as("rc.conf as the admin left it").isEqualTo(rcConf);
    }
}
