package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.artifact.Hashing;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchAndUpdateTest {
    private static final FixtureArchives.FreebsdDist DIST = FixtureArchives.freebsd("14.3-RELEASE");

    @TempDir
    Path dir;
    SimHost host;

    @BeforeEach
    void setUp() {
        host = freshHost(dir);
    }

    @Nested
    class Fetch {
        FixtureServer server;

        @BeforeEach
        void start() {
            server = FixtureServer.start().serveFreebsd(DIST);
            ok(host, "mkdir", "-p", "/zdata/media");
        }

        @AfterEach
        void stop() {
            server.close();
        }

        private String url(String file) {
            return server.freebsdUrl("14.3-RELEASE", file).toString();
        }

        @Test
        void downloads_to_o_and_prints_the_non_tty_progress_at_the_end() {
            CommandResult r = run(host, "fetch", "-o", "/zdata/media/14.3-base.txz", url("base.txz"));

            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).isEmpty();
            // facts 5.4: "%-46s" name, then "        %s %s %s\n" (bytes, rate, time)
            assertThat(r.stderr()).matches(Pattern.quote(String.format("%-46s", "/zdata/media/14.3-base.txz") + "        ")
                    + "[ \\d]{4} [ kMGTP]B (\\?\\? Bps|[ \\d]{4} [ kMGTP]Bps)    \\d\\ds\n");
            assertThat(Hashing.sha256(host.readFile("/zdata/media/14.3-base.txz"))).isEqualTo(DIST.base().sha256());
            assertThat(ok(host, "sha256", "-q", "/zdata/media/14.3-base.txz")).isEqualTo(DIST.base().sha256() + "\n");
        }

        @Test
        void without_o_the_file_is_named_after_the_url_in_the_working_directory_and_q_is_silent() {
            CommandResult r = host.run(Command.of("fetch", "-q", url("MANIFEST")).withWorkingDirectory("/zdata/media"));

            assertThat(r.exitCode()).isZero();
            assertThat(r.stderr()).isEmpty();
            assertThat(host.readText("/zdata/media/MANIFEST")).isEqualTo(DIST.manifest());
        }

        @Test
        void a_missing_file_is_libfetchs_not_found() {
            CommandResult r = run(host, "fetch", "-o", "/zdata/media/x", url("nope.txz"));

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("fetch: " + url("nope.txz") + ": Not Found\n");
            assertThat(host.stat("/zdata/media/x")).isEmpty();
        }

        @Test
        void a_closed_port_is_connection_refused() throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String u = "http://127.0.0.1:" + port + "/base.txz";

            CommandResult r = run(host, "fetch", "-o", "/zdata/media/x", u);

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("fetch: " + u + ": Connection refused\n");
        }
    }

    @Nested
    class Sha256 {
        @Test
        void prints_the_bsd_line_and_reports_a_missing_file() {
            host.writeText("/tmp/f", "abc");

            assertThat(ok(host, "sha256", "/tmp/f"))
                    .isEqualTo("SHA256 (/tmp/f) = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n");
            CommandResult r = run(host, "sha256", "-q", "/tmp/nope");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("sha256: /tmp/nope: No such file or directory\n");
        }
    }

    @Nested
    class FreebsdUpdate {
        static final String FETCH_P5 = """
                src component not installed, skipped
                Looking up update.FreeBSD.org mirrors... 2 mirrors found.
                Fetching public key from update1.freebsd.org... done.
                Fetching metadata signature for 14.3-RELEASE from update1.freebsd.org... done.
                Fetching metadata index... done.
                Fetching 2 metadata patches.. done.
                Applying metadata patches... done.
                Fetching 2 metadata files... done.
                Inspecting system... done.
                Preparing to download files... done.
                Fetching 12 patches.....10.. done.
                Applying patches... done.
                Fetching 3 files... done.

                The following files will be updated as part of updating to 14.3-RELEASE-p5:
                /bin/freebsd-version
                """;

        @BeforeEach
        void template() {
            host.writeFile("/zdata/base.txz", DIST.base().bytes(), 0644);
            ok(host, "mkdir", "-p", "/zdata/tmpl");
            ok(host, "tar", "-xf", "/zdata/base.txz", "-C", "/zdata/tmpl", "--unlink");
        }

        @Test
        void fetch_without_a_tty_is_refused_unless_not_running_from_cron() {
            CommandResult r = run(host, "freebsd-update", "-b", "/zdata/tmpl/", "fetch", "install");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stdout()).isEqualTo("src component not installed, skipped\n"
                    + "freebsd-update fetch should not be run non-interactively.\n"
                    + "Run freebsd-update cron instead.\n");
            assertThat(ok(host, "chroot", "/zdata/tmpl", "freebsd-version")).isEqualTo("14.3-RELEASE\n");
        }

        @Test
        void fetch_install_patches_the_tree_and_a_second_run_has_nothing_to_do() {
            CommandResult first = run(host, "freebsd-update", "-b", "/zdata/tmpl/", "--not-running-from-cron",
                    "fetch", "install");

            assertThat(first.exitCode()).isZero();
            assertThat(first.stderr()).isEmpty();
            assertThat(first.stdout()).isEqualTo(FETCH_P5 + "Installing updates... done.\n");
            assertThat(ok(host, "chroot", "/zdata/tmpl", "freebsd-version", "-u")).isEqualTo("14.3-RELEASE-p5\n");
            assertThat(ok(host, "freebsd-version", "-u")).isEqualTo("14.3-RELEASE\n");

            CommandResult second = run(host, "freebsd-update", "-b", "/zdata/tmpl/", "--not-running-from-cron",
                    "fetch", "install");

            assertThat(second.exitCode()).isZero();
            // the shape of transcripts/freebsd-update-fetch/001.txt, for 14.3 (facts 5.3)
            assertThat(second.stdout()).isEqualTo("""
                    src component not installed, skipped
                    Looking up update.FreeBSD.org mirrors... 2 mirrors found.
                    Fetching metadata signature for 14.3-RELEASE from update1.freebsd.org... done.
                    Fetching metadata index... done.
                    Inspecting system... done.
                    Preparing to download files... done.

                    No updates needed to update system to 14.3-RELEASE-p5.
                    No updates are available to install.
                    """);
            Transcript real = Transcript.load("freebsd-update-fetch/001.txt");
            assertThat(real.output()).contains("\nNo updates needed to update system to 13.1-RELEASE-p0.\n"
                    + "No updates are available to install.\n");
        }

        @Test
        void install_without_a_fetch_asks_for_one_and_fails() {
            CommandResult r = run(host, "freebsd-update", "-b", "/zdata/tmpl", "install");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stdout()).isEqualTo("src component not installed, skipped\n"
                    + "No updates are available to install.\n"
                    + "Run '/usr/sbin/freebsd-update fetch' first.\n");
        }

        @Test
        void without_a_command_it_prints_the_usage_and_exits_zero() {
            CommandResult r = run(host, "freebsd-update");

            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).startsWith("usage: freebsd-update [options] command ...\n\nOptions:\n")
                    .contains("  --not-running-from-cron\n               -- Run without a tty, for use by automated tools\n");
        }

        @Test
        void r_with_fetch_is_meaningless() {
            CommandResult r = run(host, "freebsd-update", "-r", "15.0-RELEASE", "fetch");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stdout()).isEqualTo("freebsd-update: -r option is meaningless with 'fetch' command."
                    + "  (Did you mean 'upgrade' instead?)\n");
        }
    }
}
