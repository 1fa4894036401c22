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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RockyUserlandTest {
    static final String ROOT = "/compat/rocky";
    static final RockyRelease R9_5 = new RockyRelease(9, 5, "20241118.0");

    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void setUp() {
        host = freshHost(dir);
        host.writeFile("/zdata/rocky.tar.xz", FixtureArchives.rockyBaseRootfs(R9_5).bytes(), 0644);
        ok(host, "mkdir", "-p", ROOT);
        ok(host, "tar", "-xpf", "/zdata/rocky.tar.xz", "-C", ROOT);
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

    private void enableLinux() {
        ok(host, "sysrc", "linux_enable=YES");
        ok(host, "service", "linux", "start");
    }

    @Test
    void linux_binaries_do_not_run_before_linux64_is_loaded() {
        CommandResult r = inRocky("/bin/bash", "-c", "cat /etc/os-release");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("chroot: /bin/bash: Exec format error\n");
    }

    @Test
    void a_missing_program_or_root_is_chroots_err_1() {
        CommandResult noRoot = run(host, "chroot", "/nope", "/bin/bash");
        assertThat(noRoot.exitCode()).isEqualTo(1);
        assertThat(noRoot.stderr()).isEqualTo("chroot: /nope: No such file or directory\n");

        enableLinux();
        CommandResult noCmd = inRocky("/usr/bin/perl", "-v");
        assertThat(noCmd.exitCode()).isEqualTo(1);
        assertThat(noCmd.stderr()).isEqualTo("chroot: /usr/bin/perl: No such file or directory\n");
    }

    @Test
    void bash_c_runs_cat_of_the_userlands_files() {
        enableLinux();

        assertThat(okInRocky("/bin/bash", "-c", "cat /etc/os-release")).isEqualTo(FixtureArchives.rockyOsRelease(R9_5));
        Transcript t = Transcript.load("cat-etc-redhat-release/002.txt");
        assertThat(okInRocky("/bin/bash", "-c", t.command())).isEqualTo(t.output());
        assertThat(okInRocky("/bin/bash", "-c", "test -f /etc/rocky-release && echo 'has release'"))
                .isEqualTo("has release\n");
    }

    @Test
    void bash_refuses_syntax_outside_its_tiny_subset_and_reports_unknown_commands() {
        enableLinux();

        CommandResult pipe = inRocky("/bin/bash", "-c", "cat /etc/os-release | grep ID");
        assertThat(pipe.exitCode()).isEqualTo(2);
        assertThat(pipe.stderr()).startsWith("sim: unsupported shell syntax: '|'");

        CommandResult missing = inRocky("/bin/bash", "-c", "true && nosuch --x");
        assertThat(missing.exitCode()).isEqualTo(127);
        assertThat(missing.stderr()).isEqualTo("bash: line 1: nosuch: command not found\n");
    }

    @Test
    void rpm_lists_the_package_database_and_expands_rhel() {
        enableLinux();

        assertThat(okInRocky("rpm", "-qa")).contains("dnf-4.14.0-25.el9.noarch\n").contains("rocky-release-9.5-1.2.el9.noarch\n");
        assertThat(okInRocky("rpm", "-E", "%rhel")).isEqualTo("9\n");
        CommandResult q = inRocky("rpm", "-q", "epel-release");
        assertThat(q.exitCode()).isEqualTo(1);
        assertThat(q.stdout()).isEqualTo("package epel-release is not installed\n");
    }

    @Test
    void names_resolve_only_once_resolv_conf_has_a_nameserver() {
        enableLinux();
        assertThat(inRocky("getent", "hosts", "dl.rockylinux.org").exitCode()).isEqualTo(2);

        ok(host, "cp", "/etc/resolv.conf", ROOT + "/etc/resolv.conf");

        assertThat(okInRocky("getent", "hosts", "dl.rockylinux.org")).isEqualTo("192.0.2.10      dl.rockylinux.org\n");
    }

    @Test
    void dnf_without_dns_fails_to_download_baseos_metadata() {
        enableLinux();

        CommandResult r = inRocky("dnf", "-y", "makecache");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error: Failed to download metadata for repo 'baseos': Cannot prepare internal"
                + " mirrorlist: Curl error (6): Couldn't resolve host name for"
                + " https://mirrors.rockylinux.org/mirrorlist?arch=x86_64&repo=BaseOS-9"
                + " [Could not resolve host: mirrors.rockylinux.org]\n");
        assertThat(r.stdout()).startsWith("Rocky Linux 9 - BaseOS").contains("Errors during downloading metadata for repository 'baseos':\n");
    }

    @Test
    void the_dnf_sequence_of_the_how_to() {
        enableLinux();
        ok(host, "cp", "/etc/resolv.conf", ROOT + "/etc/resolv.conf");

        CommandResult cache = inRocky("dnf", "-y", "makecache");
        assertThat(cache.exitCode()).isZero();
        assertThat(cache.stdout()).isEqualTo(
                String.format("%-47s", "Rocky Linux 9 - BaseOS") + " 6.1 MB/s | 2.3 MB     00:00    \n"
                + String.format("%-47s", "Rocky Linux 9 - AppStream") + "  11 MB/s | 8.1 MB     00:00    \n"
                + String.format("%-47s", "Rocky Linux 9 - Extras") + "  64 kB/s |  14 kB     00:00    \n"
                + "Metadata cache created.\n");

        CommandResult pending = inRocky("dnf", "check-update");
        assertThat(pending.exitCode()).isEqualTo(100);
        assertThat(pending.stdout()).startsWith("Last metadata expiration check: 0:00:").contains("\ncurl.x86_64 ");

        CommandResult noPlugin = inRocky("dnf", "config-manager", "--help");
        assertThat(noPlugin.exitCode()).isEqualTo(1);
        assertThat(noPlugin.stderr()).isEqualTo("No such command: config-manager. Please use /usr/bin/dnf --help\n"
                + "It could be a DNF plugin command, try: \"dnf install 'dnf-command(config-manager)'\"\n");

        CommandResult update = inRocky("dnf", "-y", "update");
        assertThat(update.exitCode()).isZero();
        assertThat(update.stdout()).contains("Dependencies resolved.\n").contains("\nUpgrading:\n")
                .contains("\nTransaction Summary\n" + "=".repeat(80) + "\nUpgrade  3 Packages\n").endsWith("\nComplete!\n");
        assertThat(okInRocky("rpm", "-qa")).contains("curl-7.76.1-31.el9_6.1.x86_64\n").doesNotContain("curl-7.76.1-31.el9.x86_64");

        CommandResult again = inRocky("dnf", "-y", "update");
        assertThat(again.exitCode()).isZero();
        Transcript nothing = Transcript.load("dnf-nothing-to-do/001.txt");
        String tail = "Dependencies resolved.\nNothing to do.\nComplete!\n";
        assertThat(nothing.output()).contains(tail);
        assertThat(again.stdout()).matches("Last metadata expiration check: 0:00:0\\d ago on \\w{3} \\d\\d \\w{3} \\d{4}"
                + " \\d\\d:\\d\\d:\\d\\d [AP]M UTC\\.\n" + java.util.regex.Pattern.quote(tail));
        assertThat(inRocky("dnf", "check-update").exitCode()).isZero();

        CommandResult plugin = inRocky("dnf", "-y", "install", "dnf-command(config-manager)");
        assertThat(plugin.exitCode()).isZero();
        assertThat(plugin.stdout()).contains("\nInstalling:\n dnf-plugins-core ").contains("\nInstalling dependencies:\n")
                .contains("\nInstall  2 Packages\n").endsWith("\nComplete!\n");
        assertThat(okInRocky("dnf", "config-manager", "--help")).startsWith("usage: dnf config-manager");
        assertThat(okInRocky("dnf", "config-manager", "--set-enabled", "crb")).isEmpty();
        CommandResult badRepo = inRocky("dnf", "config-manager", "--set-enabled", "nosuch");
        assertThat(badRepo.exitCode()).isEqualTo(1);
        assertThat(badRepo.stderr()).isEqualTo("Error: No matching repo to modify: nosuch.\n");

        assertThat(okInRocky("dnf", "-y", "install", "epel-release")).endsWith("\nComplete!\n");

        String repolist = okInRocky("dnf", "repolist");
        Transcript real = Transcript.load("dnf-repolist/001.txt");
        assertThat(columns(repolist)).isEqualTo(columns(real.output()));
        assertThat(repolist.lines().findFirst().orElseThrow()).startsWith("repo id").contains(" repo name");
    }

    @Test
    void without_y_the_transaction_is_aborted_for_lack_of_a_tty() {
        enableLinux();
        ok(host, "cp", "/etc/resolv.conf", ROOT + "/etc/resolv.conf");

        CommandResult r = inRocky("dnf", "update");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).endsWith("Is this ok [y/N]: ");
        assertThat(r.stderr()).isEqualTo("Operation aborted.\n");
        assertThat(okInRocky("rpm", "-qa")).contains("curl-7.76.1-31.el9.x86_64\n");
    }

    /** repolist rows below the header as (id, name) pairs, widths aside (the transcript's terminal was wider). */
    private static List<String> columns(String text) {
        return text.lines().skip(1).map(l -> l.trim().replaceFirst("\\s+", " | ")).toList();
    }
}
