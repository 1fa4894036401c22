package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.sim.SimHost;
import dev.jailspec.sim.SimHostSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
    /** The date of the issue: 14.3 is past its end of life (2026-06-30), 14.4, 14.5 and 15.1 are supported. */
    private static final Instant DEC_3_2026 = Instant.parse("2026-12-03T00:00:00Z");
    private static final ReleaseSupport ON_DEC_3 = new ReleaseSupport(DEC_3_2026, false);

    @TempDir
    Path root;

    private static Layout layout(String zfsRoot, String release, String bridge) {
        return new Layout(zfsRoot, "/" + zfsRoot, release, "lrdev", 253, bridge, "192.168.7.253/24", "192.168.7.221");
    }

    private SimHost host(String release) {
        return SimHost.create(root, SimHostSpec.defaults().withRelease(release), Clock.fixed(DEC_3_2026, ZoneOffset.UTC));
    }

    @Test
    void theHowTosHostIsReady() {
        List<Preflight.Finding> findings = new Preflight(host("14.5-RELEASE"),
                layout("zdata/jails", "14.5-RELEASE", "igc0bridge"), ON_DEC_3).requireReady();

        assertThat(findings).extracting(Preflight.Finding::ok).containsOnly(true);
        assertThat(findings).extracting(Preflight.Finding::check).containsExactly("running as root",
                "supported FreeBSD release", "release under test supported", "release catalogue current", "ZFS pool zdata",
                "bridge igc0bridge");
        assertThat(findings.get(2).detail()).isEqualTo("14.5-RELEASE is supported until 2027-06-30 (freebsd/freebsd-doc"
                + " website/content/en/releases/14.5R/announce.asc (Date: September 8, 2026; supported until June 30, 2027))");
    }

    @Test
    void aReleasePastItsEndOfLifeStopsNamingItsEolDateAndTheOptions() {
        var preflight = new Preflight(host("14.5-RELEASE"), layout("zdata/jails", "14.3-RELEASE", "igc0bridge"), ON_DEC_3);

        assertThatThrownBy(preflight::requireReady)
                .isInstanceOf(ProvisionException.class)
                .hasMessageContaining("nothing was changed")
                .hasMessageContaining("- release under test supported: 14.3-RELEASE reached its end of life on 2026-06-30"
                        + " (freebsd/freebsd-doc website/content/en/releases/14.3R/announce.asc")
                .hasMessageContaining("on 2026-12-03 freebsd-update refuses to patch it")
                .hasMessageContaining("fix: choose a supported release with jailspec.freebsd.release (on 2026-12-03:"
                        + " 14.4-RELEASE (until 2026-12-31), 14.5-RELEASE (until 2027-06-30), 15.1-RELEASE (until 2027-03-31))")
                .hasMessageContaining("or set jailspec.freebsd.allowEol=true to build an unpatched end-of-life template on purpose")
                .hasMessageNotContaining("- supported FreeBSD release:");
    }

    @Test
    void theSameReleaseBeforeItsEndOfLifeIsSupported() {
        var beforeEol = new ReleaseSupport(Instant.parse("2026-06-01T00:00:00Z"), false);

        assertThat(beforeEol.check("14.3-RELEASE").ok()).isTrue();
        assertThat(new ReleaseSupport(Instant.parse("2026-06-30T00:00:01Z"), false).check("14.3-RELEASE").ok())
                .as("past 00:00 UTC of the EoL day, as freebsd-update's EOLTIME").isFalse();
    }

    @Test
    void allowEolPassesAndSaysTheTemplateIsNotPatched() {
        Preflight.Finding f = new ReleaseSupport(DEC_3_2026, true).check("14.3-RELEASE");

        assertThat(f.ok()).isTrue();
        assertThat(f.detail()).contains("reached its end of life on 2026-06-30")
                .endsWith("jailspec.freebsd.allowEol=true: the template is built without freebsd-update");
        assertThat(new ReleaseSupport(DEC_3_2026, true).skipsUpdate("14.3-RELEASE")).isTrue();
        assertThat(new ReleaseSupport(DEC_3_2026, true).skipsUpdate("14.5-RELEASE")).isFalse();
        assertThat(ON_DEC_3.skipsUpdate("14.3-RELEASE")).as("without allowEol preflight stops instead").isFalse();
    }

    @Test
    void aReleaseNotInTheTableIsAFindingNotACrash() {
        Preflight.Finding f = ON_DEC_3.check("15.2-RELEASE");

        assertThat(f.ok()).isFalse();
        assertThat(f.detail()).startsWith("15.2-RELEASE is not in jailspec's release catalogue, so its support dates are unknown"
                + " (known: 14.0-RELEASE, ");
        assertThat(f.fix()).endsWith("or add the release with its sourced dates to dev.jailspec.freebsd.FreebsdReleases");
    }

    @Test
    void aHostThatIsNotReadyFailsWithWhatToFixAndNothingChanges() throws Exception {
        SimHost host = host("14.5-RELEASE");
        byte[] rcConfBefore = Files.readAllBytes(root.resolve("etc/rc.conf"));
        var preflight = new Preflight(host, layout("tank/jails", "15.1-RELEASE", "bridge9"), ON_DEC_3);

        assertThatThrownBy(preflight::requireReady)
                .isInstanceOf(ProvisionException.class)
                .hasMessageStartingWith("the host sim:")
                .hasMessageContaining("is not ready; nothing was changed")
                .hasMessageContaining("- supported FreeBSD release: freebsd-version -kru: kernel 14.5-RELEASE")
                .hasMessageContaining("choose jailspec.freebsd.release <= 14.5-RELEASE")
                .hasMessageContaining("- ZFS pool tank: zfs list tank: dataset does not exist")
                .hasMessageContaining("- bridge bridge9: ifconfig: interface bridge9 does not exist")
                .hasMessageContaining("or set jailspec.bridge")
                .hasMessageNotContaining("running as root")
                .hasMessageNotContaining("release under test supported");
        assertThat(Files.readAllBytes(root.resolve("etc/rc.conf"))).as("/etc/rc.conf").isEqualTo(rcConfBefore);
        assertThat(root.resolve("tank")).doesNotExist();
    }
}
