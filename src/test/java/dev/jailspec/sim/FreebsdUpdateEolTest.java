package dev.jailspec.sim;

import static dev.jailspec.sim.SimTestSupport.freshHost;
import static dev.jailspec.sim.SimTestSupport.ok;
import static dev.jailspec.sim.SimTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.CommandResult;
import dev.jailspec.sim.fixtures.FixtureArchives;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * freebsd-update.sh fetch_warn_eol on the machine's clock (UpdateEolWarning), the src component
 * test of finalize_components_config, and install without a fetch.
 */
class FreebsdUpdateEolTest {
    private static final Instant DEC_3_2026 = Instant.parse("2026-12-03T00:00:00Z");

    @TempDir
    Path dir;

    private SimHost hostWithTemplate(String release, Instant now) {
        SimHost host = freshHost(dir, SimHostSpec.defaults().withRelease(release), now);
        host.writeFile("/zdata/base.txz", FixtureArchives.freebsd(release).base().bytes(), 0644);
        ok(host, "mkdir", "-p", "/zdata/tmpl");
        ok(host, "tar", "-xf", "/zdata/base.txz", "-C", "/zdata/tmpl", "--unlink");
        return host;
    }

    private static CommandResult update(SimHost host, String release, String... commands) {
        var argv = new java.util.ArrayList<>(java.util.List.of("freebsd-update", "--not-running-from-cron",
                "--currently-running", release, "-b", "/zdata/tmpl"));
        argv.addAll(java.util.List.of(commands));
        return run(host, argv);
    }

    @Test
    void pastItsEndOfLifeFetchWarnsAndExitsOneSoInstallNeverRuns() {
        SimHost host = hostWithTemplate("14.3-RELEASE", DEC_3_2026);

        CommandResult r = update(host, "14.3-RELEASE", "fetch", "install");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).startsWith("src component not installed, skipped\n")
                .contains("The following files will be updated as part of updating to 14.3-RELEASE-p5:\n/bin/freebsd-version\n")
                .endsWith("/bin/freebsd-version\n"
                        + "\n"
                        + "WARNING: FreeBSD 14.3-RELEASE HAS PASSED ITS END-OF-LIFE DATE.\n"
                        + "Any security issues discovered after Tue Jun 30 00:00:00 UTC 2026\n"
                        + "will not have been corrected.\n")
                .doesNotContain("Installing updates");
        assertThat(ok(host, "chroot", "/zdata/tmpl", "freebsd-version", "-u")).isEqualTo("14.3-RELEASE\n");

        // fetch_create_manifest ran before fetch_warn_eol: the fetched updates wait for an install of their own.
        CommandResult install = update(host, "14.3-RELEASE", "install");
        assertThat(install.exitCode()).isZero();
        assertThat(ok(host, "chroot", "/zdata/tmpl", "freebsd-version", "-u")).isEqualTo("14.3-RELEASE-p5\n");
    }

    @Test
    void withinThreeMonthsOfItsEndOfLifeFetchWarnsOnceAndSucceeds() {
        SimHost host = hostWithTemplate("14.4-RELEASE", DEC_3_2026);

        CommandResult first = update(host, "14.4-RELEASE", "fetch", "install");

        assertThat(first.exitCode()).isZero();
        // 28 days to 2026-12-31: under 2678400 s, so weeks; 2419200 / 604800 = 4
        assertThat(first.stdout()).contains("/bin/freebsd-version\n"
                + "\n"
                + "WARNING: FreeBSD 14.4-RELEASE is approaching its End-of-Life date.\n"
                + "It is strongly recommended that you upgrade to a newer\n"
                + "release within the next 4 weeks.\n"
                + "Installing updates... done.\n");
        assertThat(ok(host, "cat", "/var/db/freebsd-update/lasteolwarn")).isEqualTo(DEC_3_2026.getEpochSecond() + "\n");

        CommandResult second = update(host, "14.4-RELEASE", "fetch");
        assertThat(second.exitCode()).isZero();
        assertThat(second.stdout()).as("time left is more than 3 times the time since the last warning")
                .doesNotContain("WARNING");
    }

    @Test
    void theLastDayIsOneDaySingular() {
        SimHost host = hostWithTemplate("14.4-RELEASE", Instant.parse("2026-12-30T00:00:00Z"));

        CommandResult r = update(host, "14.4-RELEASE", "fetch");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).endsWith("release within the next 1 day.\n");
    }

    @Test
    void farFromItsEndOfLifeThereIsNoWarning() {
        SimHost host = hostWithTemplate("14.5-RELEASE", DEC_3_2026);

        CommandResult r = update(host, "14.5-RELEASE", "fetch", "install");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).doesNotContain("WARNING").endsWith("Installing updates... done.\n");
        assertThat(ok(host, "chroot", "/zdata/tmpl", "freebsd-version", "-u")).isEqualTo("14.5-RELEASE-p2\n");
        assertThat(ok(host, "uname", "-v")).isEqualTo("FreeBSD 14.5-RELEASE releng/14.5-n274872-4099b5c82880 GENERIC\n");
    }

    @Test
    void theSrcComponentCountsAsInstalledOnlyWithUsrSrcCopyright() {
        SimHost host = hostWithTemplate("14.5-RELEASE", DEC_3_2026);
        ok(host, "mkdir", "-p", "/zdata/tmpl/usr/src");

        assertThat(update(host, "14.5-RELEASE", "fetch").stdout()).as("a bare /usr/src directory")
                .startsWith("src component not installed, skipped\n");

        host.writeFile("/zdata/tmpl/usr/src/COPYRIGHT", "Copyright\n".getBytes(), 0644);
        assertThat(update(host, "14.5-RELEASE", "fetch").stdout()).startsWith("Looking up update.FreeBSD.org mirrors");
    }

    @Test
    void installWithoutAFetchSaysRunFetchFirstAndExitsOne() {
        SimHost host = hostWithTemplate("14.5-RELEASE", DEC_3_2026);

        CommandResult r = update(host, "14.5-RELEASE", "install");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("src component not installed, skipped\n"
                + "No updates are available to install.\n"
                + "Run '/usr/sbin/freebsd-update fetch' first.\n");
    }
}
