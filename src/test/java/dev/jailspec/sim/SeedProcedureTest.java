package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.CommandResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The how-to from enabling jails to destroying the jail's dataset, on one simulated host. */
class SeedProcedureTest {
    @TempDir
    Path dir;

    @Test
    void the_thin_vnet_jail_lives_and_goes() {
        SimHost host = freshHost(dir);

        assertThat(ok(host, "sysrc", "jail_enable=YES")).isEqualTo("jail_enable: NO -> YES\n");
        assertThat(ok(host, "sysrc", "jail_parallel_start=YES")).isEqualTo("jail_parallel_start: NO -> YES\n");
        ThinJailFixture.cloneJail(host);
        host.writeText("/etc/jail.conf.d/lrdev.conf", ThinJailFixture.LRDEV_CONF);

        CommandResult start = run(host, "service", "jail", "start", "lrdev");
        assertThat(start.stdout()).isEqualTo("Starting jails: lrdev.\n");
        assertThat(start.stderr()).isEmpty();
        assertThat(start.exitCode()).isZero();

        assertThat(ok(host, "jls", "-j", "lrdev")).isEqualTo(
                "   JID  IP Address      Hostname                      Path\n"
                        + "     1                  lrdev                         /zdata/jails/containers/lrdev\n");
        assertThat(host.readText("/var/run/jail_lrdev.id")).isEqualTo("1\n");
        assertThat(ok(host, "jexec", "lrdev", "ifconfig", "epair253b"))
                .contains("epair253b: flags=", "\tinet 192.168.7.253 netmask 0xffffff00 broadcast 192.168.7.255\n");
        assertThat(ok(host, "jexec", "lrdev", "route", "-n", "get", "default")).contains("    gateway: 192.168.7.221\n");
        assertThat(ok(host, "ifconfig", "igc0bridge")).contains("\tmember: epair253a ");
        assertThat(run(host, "ifconfig", "epair253b").stderr()).isEqualTo("ifconfig: interface epair253b does not exist\n");
        assertThat(ok(host, "jexec", "lrdev", "mount")).isEqualTo(
                "zdata/jails/containers/lrdev on / (zfs, local, nfsv4acls)\n"
                        + "devfs on /dev (devfs)\n");
        assertThat(run(host, "zfs", "destroy", "zdata/jails/containers/lrdev").stderr())
                .isEqualTo("cannot unmount '/zdata/jails/containers/lrdev': pool or dataset is busy\n");

        CommandResult stop = run(host, "service", "jail", "stop", "lrdev");
        assertThat(stop.stdout()).isEqualTo("Stopping jails: lrdev.\n");
        assertThat(stop.exitCode()).isZero();
        assertThat(run(host, "jls", "-j", "lrdev").stderr()).isEqualTo("jls: jail \"lrdev\" not found\n");
        assertThat(host.stat("/var/run/jail_lrdev.id")).isEmpty();
        assertThat(run(host, "ifconfig", "epair253a").exitCode()).isEqualTo(1);
        assertThat(ok(host, "ifconfig", "igc0bridge")).doesNotContain("epair253a");
        assertThat(ok(host, "mount")).doesNotContain("devfs on /zdata/jails/containers/lrdev/dev");

        assertThat(ok(host, "zfs", "destroy", "zdata/jails/containers/lrdev")).isEmpty();
        assertThat(host.stat(ThinJailFixture.JAIL_PATH)).isEmpty();
    }
}
