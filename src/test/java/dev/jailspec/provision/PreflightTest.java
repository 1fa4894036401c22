package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.sim.SimHost;
import dev.jailspec.sim.SimHostSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
    @TempDir
    Path root;

    private static Layout layout(String zfsRoot, String release, String bridge) {
        return new Layout(zfsRoot, "/" + zfsRoot, release, "lrdev", 253, bridge, "192.168.7.253/24", "192.168.7.221");
    }

    @Test
    void theHowTosHostIsReady() {
        SimHost host = SimHost.create(root, SimHostSpec.defaults());
        List<Preflight.Finding> findings = new Preflight(host, layout("zdata/jails", "14.3-RELEASE", "igc0bridge"))
                .requireReady();

        assertThat(findings).extracting(Preflight.Finding::ok).containsOnly(true);
        assertThat(findings).extracting(Preflight.Finding::check)
                .containsExactly("running as root", "supported FreeBSD release", "ZFS pool zdata", "bridge igc0bridge");
    }

    @Test
    void aHostThatIsNotReadyFailsWithWhatToFixAndNothingChanges() throws Exception {
        SimHost host = SimHost.create(root, SimHostSpec.defaults());
        byte[] rcConfBefore = Files.readAllBytes(root.resolve("etc/rc.conf"));
        var preflight = new Preflight(host, layout("tank/jails", "15.0-RELEASE", "bridge9"));

        assertThatThrownBy(preflight::requireReady)
                .isInstanceOf(ProvisionException.class)
                .hasMessageStartingWith("the host sim:")
                .hasMessageContaining("is not ready; nothing was changed")
                .hasMessageContaining("- supported FreeBSD release: freebsd-version -kru: kernel 14.3-RELEASE")
                .hasMessageContaining("choose jailspec.freebsd.release <= 14.3-RELEASE")
                .hasMessageContaining("- ZFS pool tank: zfs list tank: dataset does not exist")
                .hasMessageContaining("- bridge bridge9: ifconfig: interface bridge9 does not exist")
                .hasMessageContaining("or set jailspec.bridge")
                .hasMessageNotContaining("running as root");
        assertThat(Files.readAllBytes(root.resolve("etc/rc.conf"))).as("/etc/rc.conf").isEqualTo(rcConfBefore);
        assertThat(root.resolve("tank")).doesNotExist();
    }
}
