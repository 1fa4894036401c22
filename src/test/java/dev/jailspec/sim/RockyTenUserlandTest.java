package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.CommandResult;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureArchives.RockyRelease;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated Rocky 10 userland: its own package versions, and dnf without filelists metadata by default. */
class RockyTenUserlandTest {
    static final String ROOT = "/compat/rocky";

    @TempDir
    Path dir;

    private SimHost hostWith(RockyRelease r) {
        SimHost host = freshHost(dir);
        host.writeFile("/zdata/rocky.tar.xz", FixtureArchives.rockyBaseRootfs(r).bytes(), 0644);
        ok(host, "mkdir", "-p", ROOT);
        ok(host, "tar", "-xpf", "/zdata/rocky.tar.xz", "-C", ROOT);
        ok(host, "sysrc", "linux_enable=YES");
        ok(host, "service", "linux", "start");
        ok(host, "cp", "/etc/resolv.conf", ROOT + "/etc/resolv.conf");
        return host;
    }

    private static String okIn(SimHost host, String... argv) {
        List<String> all = new ArrayList<>(List.of("chroot", ROOT));
        all.addAll(List.of(argv));
        CommandResult r = run(host, all);
        assertThat(r.exitCode()).as("exit of %s: %s", List.of(argv), r.stderr() + r.stdout()).isZero();
        return r.stdout();
    }

    private static boolean exists(SimHost host, String path) {
        return host.stat(path).isPresent();
    }

    @Test
    void rockyTenHasRpm419Dnf420AndGlibc239AndSaysEl10() {
        SimHost host = hostWith(new RockyRelease(10, 1, "20251125.0"));
        assertThat(okIn(host, "rpm", "-qa")).contains("rpm-4.19.1.1-").contains("dnf-4.20.0-").contains("glibc-2.39-")
                .doesNotContain(".el9");
        assertThat(okIn(host, "rpm", "-E", "%rhel")).isEqualTo("10\n");
        assertThat(okIn(host, "dnf", "-y", "makecache")).startsWith("Rocky Linux 10 - BaseOS");
    }

    @Test
    void elTensDnfLoadsNoFilelistsUnlessOptionalMetadataTypesAsksForThem() {
        SimHost host = hostWith(new RockyRelease(10, 1, "20251125.0"));
        okIn(host, "dnf", "-y", "makecache");
        assertThat(exists(host, ROOT + "/var/cache/dnf/baseos.solv")).isTrue();
        assertThat(exists(host, ROOT + "/var/cache/dnf/baseos-filenames.solvx")).as("EL 10: no filelists by default").isFalse();
    }

    @Test
    void elTensDnfLoadsFilelistsWhenDnfConfAsksForThem() {
        SimHost host = hostWith(new RockyRelease(10, 1, "20251125.0"));
        String conf = new String(host.readFile(ROOT + "/etc/dnf/dnf.conf"), java.nio.charset.StandardCharsets.UTF_8);
        host.writeFile(ROOT + "/etc/dnf/dnf.conf", (conf + "optional_metadata_types=comps,filelists\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
        okIn(host, "dnf", "-y", "makecache");
        assertThat(exists(host, ROOT + "/var/cache/dnf/baseos-filenames.solvx")).isTrue();
    }

    @Test
    void elNinesDnfLoadsFilelistsAlways() {
        SimHost host = hostWith(new RockyRelease(9, 6, "20250531.0"));
        okIn(host, "dnf", "-y", "makecache");
        assertThat(exists(host, ROOT + "/var/cache/dnf/baseos-filenames.solvx")).isTrue();
    }
}
