package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.CommandResult;
import dev.jailspec.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jail removed while references remain stays dying (kern_jail.c [UNVERIFIED: an unpinned 14-era copy, not
 * releng/14.3]; freebsd-facts
 * 9.3): jls, jls -d, jexec, jail -c of the same name and zfs destroy behave as on FreeBSD. Time
 * is a clock the test moves; nothing sleeps.
 */
class DyingJailsTest {
    private static final String CLONE = "zdata/jails/containers/lrdev";

    @TempDir
    Path dir;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private SimHost host;

    @BeforeEach
    void lrdevRemovedAndDying() {
        host = SimHost.create(dir, SimHostSpec.defaults(), clock)
                .withFaults(new SimFaults(List.of(new SimFault("jail -r", SimFault.Kind.DYING, 0, "", Duration.ofSeconds(60)))));
        ThinJailFixture.cloneJail(host);
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);
        ok(host, "service", "jail", "onestart", "lrdev");
        ok(host, "service", "jail", "onestop", "lrdev");
    }

    @Test
    void jlsLeavesItOutAndJlsDListsItAsDying() {
        assertThat(ok(host, "jls")).isEqualTo("   JID  IP Address      Hostname                      Path\n");
        assertThat(ok(host, "jls", "-d")).isEqualTo("   JID  IP Address      Hostname                      Path\n"
                + "     1                  lrdev                         /zdata/jails/containers/lrdev\n");
        assertThat(ok(host, "jls", "-d", "-v")).contains("        lrdev                         DYING\n");
        assertThat(ok(host, "jls", "-d", "-j", "lrdev", "name", "dying")).isEqualTo("lrdev true\n");
        assertThat(ok(host, "jls", "-a", "-j", "lrdev", "-n", "dying")).isEqualTo("dying\n");
        assertThat(ok(host, "jls", "-d", "-v", "--libxo", "json")).contains("\"state\":\"DYING\"");
    }

    @Test
    void jlsAndJexecByNameOrJidSayItIsDying() {
        CommandResult byName = run(host, "jls", "-j", "lrdev", "-h", "name");
        assertThat(byName.exitCode()).isEqualTo(1);
        assertThat(byName.stderr()).isEqualTo("jls: jail \"lrdev\" is dying\n");
        assertThat(byName.stdout()).as("-h prints its header first").isEqualTo("name\n");
        assertThat(run(host, "jls", "-j", "1").stderr()).isEqualTo("jls: jail 1 is dying\n");

        CommandResult jexec = run(host, "jexec", "lrdev", "hostname");
        assertThat(jexec.exitCode()).isEqualTo(1);
        assertThat(jexec.stderr()).isEqualTo("jexec: jail \"lrdev\" is dying\n");
    }

    @Test
    void itsDatasetIsBusyUntilItIsFreed() {
        CommandResult busy = run(host, "zfs", "destroy", "-r", CLONE);
        assertThat(busy.exitCode()).isEqualTo(1);
        assertThat(busy.stderr()).isEqualTo("cannot unmount '/zdata/jails/containers/lrdev': pool or dataset is busy\n");

        clock.advance(Duration.ofSeconds(61));

        assertThat(ok(host, "jls", "-d")).isEqualTo("   JID  IP Address      Hostname                      Path\n");
        assertThat(run(host, "jls", "-d", "-j", "lrdev").stderr()).isEqualTo("jls: jail \"lrdev\" not found\n");
        ok(host, "zfs", "destroy", "-r", CLONE);
    }

    @Test
    void aNewJailOfTheSameNameCanStartMeanwhile() {
        ok(host, "service", "jail", "onestart", "lrdev");

        assertThat(ok(host, "jls", "-j", "lrdev", "jid", "dying")).as("the live one is found first").isEqualTo("2 false\n");
        assertThat(ok(host, "jls", "-d", "jid", "dying")).isEqualTo("1 true\n2 false\n");
        assertThat(ok(host, "jexec", "lrdev", "hostname")).isEqualTo("lrdev\n");
        assertThat(ok(host, "jexec", "lrdev", "ifconfig", "-l")).contains("epair253b");

        clock.advance(Duration.ofSeconds(61));

        assertThat(ok(host, "jls", "-d", "jid")).as("freeing the dying one leaves the new one alone").isEqualTo("2\n");
        assertThat(ok(host, "jexec", "lrdev", "ifconfig", "-l")).contains("epair253b");
    }
}
