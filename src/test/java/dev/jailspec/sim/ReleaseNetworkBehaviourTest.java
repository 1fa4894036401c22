package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.CommandResult;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ifconfig and if_bridge changes of FreeBSD 15.0 (the release catalogue's ReleaseChange), on a
 * 14.x and a 15.x simulated host: sources are cited in IfconfigTool.
 */
class ReleaseNetworkBehaviourTest {
    private static final Instant DEC_3 = Instant.parse("2026-12-03T00:00:00Z");

    @TempDir
    Path dir;

    private SimHost host(String release) {
        return freshHost(dir.resolve(release), SimHostSpec.defaults().withRelease(release), DEC_3);
    }

    @Test
    void on14_xAnAddressWithoutAMaskIsWarnedAboutAndTakesTheClassfulMask() {
        SimHost h = host("14.5-RELEASE");
        ok(h, "ifconfig", "epair7", "create");

        CommandResult r = run(h, "ifconfig", "epair7a", "10.1.2.3", "up");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEqualTo("ifconfig: WARNING: setting interface address without mask is deprecated,\n"
                + "default mask may not be correct.\n");
        assertThat(ok(h, "ifconfig", "epair7a")).contains("\tinet 10.1.2.3 netmask 0xff000000 broadcast 10.255.255.255\n");
    }

    @Test
    void on15_xAnAddressWithoutAMaskIsRefusedAndOneWithAPrefixIsSet() {
        SimHost h = host("15.1-RELEASE");
        ok(h, "ifconfig", "epair7", "create");

        CommandResult r = run(h, "ifconfig", "epair7a", "192.168.7.9", "up");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("ifconfig: setting interface address without mask is no longer supported\n");
        assertThat(ok(h, "ifconfig", "epair7a")).doesNotContain("\tinet ");
        ok(h, "ifconfig", "epair7a", "192.168.7.9/24", "up");
        assertThat(ok(h, "ifconfig", "epair7a")).contains("\tinet 192.168.7.9 netmask 0xffffff00");
    }

    @Test
    void on15_xABridgeMemberTakesNoAddressAndAnAddressedInterfaceIsNoMember() {
        SimHost h = host("15.1-RELEASE");
        ok(h, "ifconfig", "epair7", "create");
        ok(h, "ifconfig", "igc0bridge", "addm", "epair7a");

        CommandResult onMember = run(h, "ifconfig", "epair7a", "inet", "192.168.7.9/24");
        ok(h, "ifconfig", "epair8", "create");
        ok(h, "ifconfig", "epair8a", "192.168.8.1/24");
        CommandResult addressed = run(h, "ifconfig", "igc0bridge", "addm", "epair8a");

        assertThat(onMember.exitCode()).isEqualTo(1);
        assertThat(onMember.stderr()).isEqualTo("ifconfig: ioctl (SIOCAIFADDR): Invalid argument\n");
        assertThat(addressed.exitCode()).isEqualTo(1);
        assertThat(addressed.stderr()).isEqualTo("ifconfig: BRDGADD epair8a: Invalid argument\n");
        assertThat(ok(h, "ifconfig", "igc0bridge", "192.168.7.1/24")).as("the bridge itself takes the address").isEmpty();
    }

    @Test
    void on14_xABridgeMemberStillTakesAnAddress() {
        SimHost h = host("14.5-RELEASE");
        ok(h, "ifconfig", "epair7", "create");
        ok(h, "ifconfig", "igc0bridge", "addm", "epair7a");

        assertThat(run(h, "ifconfig", "epair7a", "inet", "192.168.7.9/24").exitCode()).isZero();
    }

    @Test
    void aReleaseOutsideTheCatalogueIsNotSimulatedForWhatDependsOnIt() {
        SimHost h = host("13.5-RELEASE");

        ok(h, "ifconfig", "epair7", "create");

        assertThatThrownBy(() -> run(h, "ifconfig", "igc0bridge", "addm", "epair7a"))
                .isInstanceOf(SimUnsupportedException.class).hasMessageContaining("if_bridge on FreeBSD 13.5-RELEASE");
        assertThatThrownBy(() -> run(h, "zfs", "version"))
                .isInstanceOf(SimUnsupportedException.class).hasMessageContaining("not in the release catalogue");
    }
}
