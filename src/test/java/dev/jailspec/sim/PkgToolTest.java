package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.freebsd.Pkg;
import dev.jailspec.freebsd.ReleaseVersion;
import dev.jailspec.host.CommandResult;
import dev.jailspec.sim.fixtures.FixturePkgbase;
import dev.jailspec.sim.fixtures.FixtureServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated pkg building a pkgbase root from the fixture FreeBSD-base repository. */
class PkgToolTest {
    private static final String RELEASE = "15.1-RELEASE";
    private static final String ROOT = "/zdata/jails/templates/15.1-RELEASE-pkgbase";
    private static final String REPOS = "/zdata/jails/media/repos";
    private static final String KEYS = "/usr/share/keys/pkgbase-15";
    /** config_init_abi's warning: -o ABI without OSVERSION, which every command of these tests passes. */
    private static final String GUESS = "pkg: Setting ABI requires setting OSVERSION, guessing the OSVERSION as: 1500000\n";

    @TempDir
    Path dir;
    SimHost host;
    FixtureServer server;

    @BeforeEach
    void setUp() {
        host = freshHost(dir, SimHostSpec.defaults().withRelease(RELEASE), java.time.Instant.parse("2026-10-01T00:00:00Z"));
        server = FixtureServer.start().servePkgbase(FixturePkgbase.repository(RELEASE, 3));
        ok(host, "mkdir", "-p", ROOT + "/usr/share/keys", REPOS);
        ok(host, "cp", "-Rp", KEYS, ROOT + "/usr/share/keys");
        writeRepo(server.url(FixtureServer.PKG_ROOT).toString(), KEYS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void writeRepo(String mirror, String fingerprints) {
        host.writeText(REPOS + "/" + Pkg.REPOSITORY_FILE, Pkg.baseRepositoryConf(
                Pkg.repositoryUrl(mirror, ReleaseVersion.parse(RELEASE)), fingerprints));
    }

    private static List<String> pkg(String... command) {
        var argv = new ArrayList<>(List.of("pkg", "--rootdir", ROOT, "--repo-conf-dir", REPOS, "-o", "ABI=FreeBSD:15:amd64",
                "-o", "IGNORE_OSVERSION=yes"));
        argv.addAll(List.of(command));
        return argv;
    }

    private CommandResult install(String... names) {
        var argv = new ArrayList<>(pkg("install", "--yes", "--repository", "FreeBSD-base"));
        argv.addAll(List.of(names));
        return run(host, argv);
    }

    @Test
    void install_puts_the_set_and_its_dependency_into_the_root_at_the_newest_patch_level() {
        CommandResult r = install(Pkg.MINIMAL_JAIL_SET);

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).as("an ABI without OSVERSION is guessed, with a warning").isEqualTo(GUESS);
        assertThat(r.stdout()).startsWith("Updating FreeBSD-base repository catalogue...\n")
                .as("one dot a tenth reached: the fixture's files are under one 8192-byte read, its 2 entries one tick")
                .contains("Fetching meta.conf: . done\nFetching data: . done\nProcessing entries: . done\n"
                        + "FreeBSD-base repository update completed. 2 packages processed.\nFreeBSD-base is up to date.\n")
                .doesNotContain("All repositories are up to date.")
                .contains("The following 2 package(s) will be affected (of 0 checked):\n")
                .contains("[1/2] Fetching FreeBSD-runtime-15.1p3: . done\n")
                .contains("New packages to be INSTALLED:\n\tFreeBSD-runtime: 15.1p3 [FreeBSD-base]\n"
                        + "\tFreeBSD-set-minimal-jail: 15.1p3 [FreeBSD-base]\n")
                .contains("[1/2] Installing FreeBSD-runtime-15.1p3...\n[1/2] Extracting FreeBSD-runtime-15.1p3: ")
                .as("a set has no files: do_extract prints no Extracting line")
                .endsWith("[2/2] Installing FreeBSD-set-minimal-jail-15.1p3...\n");
        assertThat(host.readText(ROOT + "/bin/freebsd-version")).contains("USERLAND_VERSION=\"15.1-RELEASE-p3\"");
        assertThat(host.stat(ROOT + "/etc/rc")).isPresent();
        assertThat(host.readText(ROOT + PkgJobs.INSTALLED)).contains("FreeBSD-runtime\t15.1p3\tFreeBSD-base\n")
                .contains("FreeBSD-set-minimal-jail\t15.1p3\tFreeBSD-base\n");
        assertThat(host.stat(ROOT + "/var/cache/pkg/FreeBSD-runtime-15.1p3.pkg")).isPresent();
    }

    @Test
    void the_progress_bar_prints_a_dot_a_tenth_and_done_at_the_total() {
        assertThat(PkgProgress.line("Fetching data", PkgProgress.fetch(80 * 1024))).isEqualTo("Fetching data: .......... done");
        assertThat(PkgProgress.line("Fetching meta.conf", PkgProgress.fetch(179))).isEqualTo("Fetching meta.conf: . done");
        assertThat(PkgProgress.line("Fetching x", PkgProgress.fetch(12000))).as("8192 of 12000 is 68%: one dot, then 100%")
                .isEqualTo("Fetching x: .. done");
        assertThat(PkgProgress.line("Processing entries", PkgProgress.entries(496))).isEqualTo("Processing entries: .......... done");
        assertThat(PkgProgress.line("Checking for upgrades (0 candidates)", PkgProgress.candidates(0, 0)))
                .isEqualTo("Checking for upgrades (0 candidates): . done");
        assertThat(PkgProgress.line("Checking for upgrades (2 candidates)", PkgProgress.candidates(2, 2)))
                .isEqualTo("Checking for upgrades (2 candidates): .. done");
    }

    @Test
    void a_second_install_and_an_upgrade_find_nothing_to_do() {
        assertThat(install(Pkg.MINIMAL_JAIL_SET).exitCode()).isZero();

        CommandResult again = install(Pkg.MINIMAL_JAIL_SET);
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).contains("FreeBSD-base repository is up to date.\nFreeBSD-base is up to date.\n")
                .endsWith("The most recent versions of packages are already installed\n");
        CommandResult upgrade = run(host, pkg("upgrade", "--yes", "--repository", "FreeBSD-base"));
        assertThat(upgrade.exitCode()).isZero();
        assertThat(upgrade.stdout()).endsWith("Your packages are up to date.\n");
    }

    @Test
    void upgrade_brings_an_older_root_to_the_repository_s_patch_level() {
        assertThat(install(Pkg.MINIMAL_JAIL_SET).exitCode()).isZero();
        host.writeText(ROOT + PkgJobs.INSTALLED, "FreeBSD-runtime\t15.1p2\tFreeBSD-base\nFreeBSD-set-minimal-jail\t15.1p3\tFreeBSD-base\n");
        host.writeText(ROOT + "/bin/freebsd-version", "USERLAND_VERSION=\"15.1-RELEASE-p2\"\n");

        CommandResult r = run(host, pkg("upgrade", "-y", "-r", "FreeBSD-base"));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("The following 1 package(s) will be affected (of 0 checked):\n")
                .contains("Installed packages to be UPGRADED:\n\tFreeBSD-runtime: 15.1p2 -> 15.1p3 [FreeBSD-base]\n")
                .contains("[1/1] Upgrading FreeBSD-runtime from 15.1p2 to 15.1p3...\n");
        assertThat(host.readText(ROOT + "/bin/freebsd-version")).contains("15.1-RELEASE-p3");
    }

    @Test
    void an_unknown_package_is_pkg_s_error_and_exit_1() {
        CommandResult r = install("FreeBSD-set-nonesuch");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo(GUESS + "pkg: No packages available to install matching 'FreeBSD-set-nonesuch' have been"
                + " found in the repositories\n");
        assertThat(host.stat(ROOT + "/bin/sh")).isEmpty();
    }

    @Test
    void a_repository_answering_404_has_no_meta_notice_and_exits_with_epkg_fatal() {
        writeRepo(server.url("/nowhere").toString(), KEYS);

        CommandResult r = install(Pkg.MINIMAL_JAIL_SET);

        assertThat(r.exitCode()).isEqualTo(PkgJobs.EPKG_FATAL).isEqualTo(3);
        assertThat(r.stdout()).as("a 404 is EPKG_ENOENT, not the EPKG_FATAL that prints the notice")
                .doesNotContain("has no meta file")
                .endsWith("Updating FreeBSD-base repository catalogue...\nUnable to update repository FreeBSD-base\n"
                        + "Error updating repositories!\n");
        String base = "pkg: http://" + server.url("/").getHost() + "/nowhere/FreeBSD:15:amd64/base_release_1/";
        assertThat(r.stderr()).as("the host without the port, as libfetch's message has it").isEqualTo(GUESS
                + base + "meta.txz: Not Found\n" + base + "data.pkg: Not Found\n" + base + "data.tzst: Not Found\n"
                        + base + "packagesite.pkg: Not Found\n" + base + "packagesite.tzst: Not Found\n");
    }

    @Test
    void a_refused_connection_is_epkg_fatal_with_the_no_meta_notice() {
        writeRepo("http://127.0.0.1:1", KEYS);

        CommandResult r = install(Pkg.MINIMAL_JAIL_SET);

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).contains("repository FreeBSD-base has no meta file, using default settings\n")
                .endsWith("Unable to update repository FreeBSD-base\nError updating repositories!\n");
        assertThat(r.stderr()).startsWith(GUESS + "pkg: http://127.0.0.1/FreeBSD:15:amd64/base_release_1/meta.txz: Connection refused\n");
    }

    @Test
    void an_untrusted_catalogue_falls_back_to_packagesite_and_the_update_fails() {
        writeRepo(server.url(FixtureServer.PKG_ROOT).toString(), "/usr/share/keys/pkg");
        ok(host, "mkdir", "-p", ROOT + "/usr/share/keys/pkg/trusted");
        host.writeText(ROOT + "/usr/share/keys/pkg/trusted/other", "function: \"sha256\"\nfingerprint: \"0000\"\n");

        CommandResult r = install(Pkg.MINIMAL_JAIL_SET);

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr()).startsWith(GUESS + "pkg: No trusted public keys found\n").contains("/packagesite.pkg: Not Found\n")
                .contains("/packagesite.txz: Not Found\n").doesNotContain("No packages available");
        assertThat(r.stdout()).contains("Fetching data: . done\n").doesNotContain("packages processed")
                .endsWith("Unable to update repository FreeBSD-base\nError updating repositories!\n");
        assertThat(host.stat(ROOT + "/bin/sh")).isEmpty();
    }

    @Test
    void fingerprints_are_read_under_the_rootdir_not_on_the_host() {
        // The host has /usr/share/keys/pkgbase-15; the path given as the host sees the root's copy is not found.
        writeRepo(server.url(FixtureServer.PKG_ROOT).toString(), ROOT + KEYS);

        CommandResult r = install(Pkg.MINIMAL_JAIL_SET);

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stderr()).startsWith(GUESS + "pkg: Error opening the trusted directory " + ROOT + KEYS + "/trusted\n"
                + "pkg: Error loading trusted certificates\n");
    }

    @Test
    void without_yes_the_question_is_answered_no_at_the_end_of_input() {
        CommandResult r = run(host, pkg("install", "-r", "FreeBSD-base", Pkg.MINIMAL_JAIL_SET));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).endsWith("\nProceed with this action? [y/N]: ");
        assertThat(host.stat(ROOT + "/bin/sh")).isEmpty();
    }

    @Test
    void the_question_takes_y_or_yes_and_asks_again_after_anything_else() {
        var argv = pkg("install", "-r", "FreeBSD-base", Pkg.MINIMAL_JAIL_SET);
        CommandResult maybe = host.run(dev.jailspec.host.Command.of(argv).withStdin("sure\nn\n"));
        assertThat(maybe.exitCode()).isEqualTo(1);
        assertThat(maybe.stdout()).endsWith("Proceed with this action? [y/N]: Please type 'Y[es]' or 'N[o]' to make a"
                + " selection\n\nProceed with this action? [y/N]: ");

        CommandResult yes = host.run(dev.jailspec.host.Command.of(argv).withStdin("YES\n"));
        assertThat(yes.exitCode()).as(yes.stderr()).isZero();
        assertThat(host.stat(ROOT + "/bin/sh")).isPresent();
    }

    @Test
    void install_without_a_package_is_2_7_5_s_usage() {
        CommandResult r = run(host, pkg("install", "-y"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith(GUESS + "Usage: pkg install [-ACfFgiIlMnqRUxy] [--autoremove] [-r reponame] <pkg-name> ...\n");
    }

    @Test
    void bad_global_options_and_a_missing_rootdir_are_pkg_s_errors() {
        CommandResult bad = run(host, "pkg", "-z", "install");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).endsWith("pkg: Invalid argument provided\n");

        var twice = new ArrayList<>(pkg("-o", "ASSUME_ALWAYS_YES=no", "-o", "ASSUME_ALWAYS_YES=yes", "install", "-r",
                "FreeBSD-base", Pkg.MINIMAL_JAIL_SET));
        CommandResult redefined = run(host, twice);
        assertThat(redefined.stderr()).startsWith("pkg: option ASSUME_ALWAYS_YES is defined in the environment to 'no' but"
                + " command line option redefines it\n");
        assertThat(redefined.exitCode()).as("the last -o wins: yes, so nothing asks").isZero();

        CommandResult missing = run(host, "pkg", "--rootdir", "/nonexistent", "-o", "ABI=FreeBSD:15:amd64", "install", "x");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("pkg: Invalid rootdir: No such file or directory\n");
    }

    @Test
    void what_is_not_modelled_throws() {
        assertThatThrownBy(() -> run(host, "pkg", "--rootdir", ROOT, "--repo-conf-dir", REPOS, "install", "-y", "x"))
                .isInstanceOf(SimUnsupportedException.class).hasMessageContaining("ABI");
        assertThatThrownBy(() -> run(host, "pkg", "--rootdir", ROOT, "--repo-conf-dir", REPOS, "-o", "ABI=FreeBSD:15:amd64",
                "install", "-y", "x")).isInstanceOf(SimUnsupportedException.class).hasMessageContaining("IGNORE_OSVERSION");
        assertThatThrownBy(() -> run(host, pkg("delete", "-y", "x"))).isInstanceOf(SimUnsupportedException.class)
                .hasMessageContaining("pkg delete");
        assertThatThrownBy(() -> run(host, pkg("install", "-y", "x"))).isInstanceOf(SimUnsupportedException.class)
                .hasMessageContaining("-r/--repository");
    }
}
