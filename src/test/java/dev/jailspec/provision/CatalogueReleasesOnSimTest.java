package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.FreebsdRelease;
import dev.jailspec.freebsd.FreebsdReleases;
import dev.jailspec.host.Command;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalogued FreeBSD release, as host and as template, through the whole thin-jail
 * procedure on the simulated host ({@link Provisioner}, not the Cucumber suite per release), on a
 * pinned clock: the releases supported that day are built and patched; those past their end of
 * life stop in preflight, and with jailspec.freebsd.allowEol=true are built unpatched.
 */
class CatalogueReleasesOnSimTest {
    private static final String DEC_3_2026 = "2026-12-03";
    private static final Instant DEC_3 = Instant.parse("2026-12-03T00:00:00Z");

    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();

    static Stream<String> supported() {
        return FreebsdReleases.supportedAt(DEC_3).stream().map(FreebsdRelease::name);
    }

    static Stream<String> pastEndOfLife() {
        return FreebsdReleases.all().stream().filter(r -> r.isPastEndOfLife(DEC_3)).map(FreebsdRelease::name);
    }

    private JailspecRun open(String release, String... extra) {
        var all = new ArrayList<>(List.of("jailspec.clock", DEC_3_2026, "jailspec.freebsd.release", release));
        all.addAll(List.of(extra));
        var bus = new EventBus();
        bus.subscribe(Note.class, n -> notes.add(n.text()));
        return JailspecRun.open(SimRuns.settings(dir.resolve("host"), dir.resolve("cache"), "10s",
                all.toArray(String[]::new)), bus, "catalogue");
    }

    @Test
    void theCataloguesSupportedReleasesOnThePinnedDayAreTheOnesTested() {
        assertThat(supported()).containsExactly("14.4-RELEASE", "14.5-RELEASE", "15.1-RELEASE");
        assertThat(pastEndOfLife()).containsExactly("14.0-RELEASE", "14.1-RELEASE", "14.2-RELEASE", "14.3-RELEASE",
                "15.0-RELEASE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supported")
    void aSupportedReleaseBuildsAndStartsTheLinuxJailAndIsPatchedToItsNewestLevel(String release) {
        FreebsdRelease r = FreebsdReleases.find(release).orElseThrow();
        try (JailspecRun run = open(release)) {
            var p = new Provisioner(run);
            p.ensureLinuxJailRunning();

            assertThat(p.facts().findJail()).as("jls -j after provisioning " + release).isPresent();
            assertThat(run.host().run(Command.of("uname", "-v")).stdout()).isEqualTo(r.build().unameV() + "\n");
            assertThat(run.host().run(Command.of("zfs", "version")).stdout()).isEqualTo(r.openZfs().versionOutput());
            assertThat(p.insideJail().run(Command.of("freebsd-version", "-u")).stdout())
                    .isEqualTo(release + "-p" + r.build().newestPatch().orElseThrow() + "\n");
            assertThat(notes).anyMatch(n -> n.startsWith("the release catalogue could not confirm for " + release));
            p.teardown();
            assertThat(p.facts().findJail()).as("jls -j after teardown").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pastEndOfLife")
    void aReleasePastItsEndOfLifeStopsInPreflightAndIsBuiltUnpatchedOnlyWhenAskedFor(String release) {
        try (JailspecRun run = open(release)) {
            var p = new Provisioner(run);
            assertThatThrownBy(p::ensureTemplate).isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("- release under test supported: " + release + " reached its end of life on");
            p.teardown();
        }
        try (JailspecRun run = open(release, "jailspec.freebsd.allowEol", "true")) {
            var p = new Provisioner(run);
            p.ensureJailRunning(false);

            assertThat(p.insideJail().run(Command.of("freebsd-version", "-u")).stdout()).isEqualTo(release + "\n");
            assertThat(run.host().run(Command.of("uname", "-r")).stdout()).isEqualTo(release + "\n");
            p.teardown();
        }
    }

    @Test
    void aSupported15TemplateOnASupported14HostIsRefusedInPreflightWithFreebsdsReason() {
        try (JailspecRun run = open("15.1-RELEASE", "jailspec.sim.release", "14.5-RELEASE")) {
            var p = new Provisioner(run);

            assertThatThrownBy(p::ensureTemplate).isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("nothing was changed")
                    .hasMessageContaining("- supported FreeBSD release: freebsd-version -kru: kernel 14.5-RELEASE, running"
                            + " 14.5-RELEASE, userland 14.5-RELEASE; template 15.1-RELEASE")
                    .hasMessageContaining("\"The FreeBSD version running in the jail can not be newer than the version"
                            + " running in the host\"")
                    .hasMessageContaining("choose jailspec.freebsd.release <= 14.5-RELEASE, or upgrade the host");
            assertThat(run.host().run(Command.of("zfs", "list", "zdata/jails")).exitCode()).as("nothing created")
                    .isEqualTo(1);
            p.teardown();
        }
    }
}
