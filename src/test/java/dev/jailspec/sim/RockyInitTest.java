package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.CommandResult;
import dev.jailspec.sim.fixtures.FixtureArchives;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The how-to's step 23 in the simulated Rocky userland: crb status, RPM Fusion from URLs. */
class RockyInitTest {
    static final String ROOT = RockyUserlandTest.ROOT;
    static final String FREE = "https://mirrors.rpmfusion.org/free/el/rpmfusion-free-release-9.noarch.rpm";
    static final String NONFREE = "https://mirrors.rpmfusion.org/nonfree/el/rpmfusion-nonfree-release-9.noarch.rpm";

    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void setUp() {
        host = freshHost(dir);
        host.writeFile("/zdata/rocky.tar.xz", FixtureArchives.rockyBaseRootfs(RockyUserlandTest.R9_5).bytes(), 0644);
        ok(host, "mkdir", "-p", ROOT);
        ok(host, "tar", "-xpf", "/zdata/rocky.tar.xz", "-C", ROOT);
        ok(host, "sysrc", "linux_enable=YES");
        ok(host, "service", "linux", "start");
    }

    private CommandResult inRocky(String... argv) {
        List<String> all = new ArrayList<>(List.of("chroot", ROOT));
        all.addAll(List.of(argv));
        return run(host, all);
    }

    private String okInRocky(String... argv) {
        CommandResult r = inRocky(argv);
        assertThat(r.exitCode()).as("exit of %s: %s", List.of(argv), r.stderr() + r.stdout()).isZero();
        return r.stdout();
    }

    private void withDns() {
        ok(host, "cp", "/etc/resolv.conf", ROOT + "/etc/resolv.conf");
    }

    @Test
    void rpm_fusion_release_rpms_install_from_their_urls_and_add_the_updates_repositories() {
        withDns();
        okInRocky("dnf", "-y", "install", "epel-release"); // the how-to's order: EPEL first (23d)

        CommandResult free = inRocky("dnf", "-y", "install", "--nogpgcheck", FREE);
        assertThat(free.exitCode()).as(free.stderr()).isZero();
        assertThat(free.stdout()).contains("rpmfusion-free-release-9.noarch.rpm ")
                .contains("\nInstalling:\n rpmfusion-free-release ").contains(" @commandline ")
                .contains("\nInstall  1 Package\n").endsWith("\nComplete!\n");
        okInRocky("dnf", "-y", "install", "--nogpgcheck", NONFREE);

        assertThat(okInRocky("rpm", "-q", "rpmfusion-free-release", "rpmfusion-nonfree-release"))
                .isEqualTo("rpmfusion-free-release-9-1.noarch\nrpmfusion-nonfree-release-9-1.noarch\n");
        // The how-to's 23g, dnf repolist | grep rpmfusion, to the space: EPEL's long names set the widths.
        List<String> rpmfusion = okInRocky("dnf", "repolist").lines().filter(l -> l.contains("rpmfusion")).toList();
        assertThat(rpmfusion).containsExactly(
                "rpmfusion-free-updates    RPM Fusion for EL 9 - Free - Updates",
                "rpmfusion-nonfree-updates RPM Fusion for EL 9 - Nonfree - Updates");
        assertThat(okInRocky("dnf", "repolist", "all")).contains("rpmfusion-free-updates-testing");

        CommandResult again = inRocky("dnf", "-y", "install", "--nogpgcheck", FREE);
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).contains("Package rpmfusion-free-release-9-1.noarch is already installed.\n")
                .endsWith("Dependencies resolved.\nNothing to do.\nComplete!\n");
        assertThat(inRocky("dnf", "-y", "update").exitCode()).isZero();
    }

    @Test
    void a_url_the_web_does_not_serve_fails_as_dnf_4_prints_a_404() {
        withDns();
        String wrong = "https://mirrors.rpmfusion.org/free/el/rpmfusion-free-release-35.noarch.rpm";

        CommandResult r = inRocky("dnf", "-y", "install", "--nogpgcheck", wrong);

        String status = "Status code: 404 for " + wrong + " (IP: 192.0.2.15)";
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).endsWith(("[MIRROR] rpmfusion-free-release-35.noarch.rpm: " + status + "\n").repeat(4)
                + "[FAILED] rpmfusion-free-release-35.noarch.rpm: " + status + "\n");
        assertThat(r.stderr()).isEqualTo(status + "\n");
        assertThat(inRocky("rpm", "-q", "rpmfusion-free-release").exitCode()).isEqualTo(1);
    }

    @Test
    void without_dns_the_metadata_fails_before_any_download() {
        CommandResult r = inRocky("dnf", "-y", "install", "--nogpgcheck", FREE);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("Error: Failed to download metadata for repo 'baseos': ");
        assertThat(r.stdout()).doesNotContain("rpmfusion");
    }

    @Test
    void without_nogpgcheck_or_mixed_with_names_a_url_install_is_not_simulated() {
        withDns();

        assertThatThrownBy(() -> inRocky("dnf", "-y", "install", FREE)).isInstanceOf(SimUnsupportedException.class);
        assertThatThrownBy(() -> inRocky("dnf", "-y", "install", "--nogpgcheck", FREE, "curl"))
                .isInstanceOf(SimUnsupportedException.class);
    }

    @Test
    void crb_comes_with_epel_release_and_reports_the_crb_repository() {
        withDns();
        assertThat(inRocky("/usr/bin/crb", "status").stderr()).isEqualTo("chroot: /usr/bin/crb: No such file or directory\n");
        okInRocky("dnf", "-y", "install", "dnf-command(config-manager)");
        okInRocky("dnf", "-y", "install", "epel-release");

        assertThat(okInRocky("/usr/bin/crb", "status")).isEqualTo("CRB repo is disabled\n");
        okInRocky("dnf", "config-manager", "--set-enabled", "crb");
        assertThat(okInRocky("/usr/bin/crb", "status")).isEqualTo("CRB repo is enabled and named: crb\n");
        assertThatThrownBy(() -> inRocky("/usr/bin/crb", "enable")).isInstanceOf(SimUnsupportedException.class);
    }
}
