package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.config.Setting;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.host.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the release under test decides on the run's clock, on the simulated host: the default
 * release, a release past its end of life stopped in preflight (what
 * {@code mvn verify -Djailspec.freebsd.release=14.3-RELEASE} does on 2026-12-03), and an
 * end-of-life template built on purpose from the archive mirror.
 */
class EndOfLifeOnSimTest {
    private static final String DEC_3_2026 = "2026-12-03";

    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();

    private JailspecRun open(String... extra) {
        var settings = SimRuns.settings(dir.resolve("host"), dir.resolve("cache"), "5s", extra);
        var bus = new EventBus();
        bus.subscribe(Note.class, n -> notes.add(n.text()));
        bus.subscribe(CommandStarted.class, c -> commands.add(String.join(" ", c.argv())));
        return JailspecRun.open(settings, bus, "eol");
    }

    @Test
    void aReleasePastItsEndOfLifeStopsInPreflightBeforeAnythingChanges() {
        try (JailspecRun run = open("jailspec.clock", DEC_3_2026, "jailspec.freebsd.release", "14.3-RELEASE")) {
            var p = new Provisioner(run);

            assertThatThrownBy(p::ensureTemplate)
                    .isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("- release under test supported: 14.3-RELEASE reached its end of life on"
                            + " 2026-06-30")
                    .hasMessageContaining("on 2026-12-03: 14.4-RELEASE (until 2026-12-31), 14.5-RELEASE (until"
                            + " 2027-06-30), 15.1-RELEASE (until 2027-03-31)")
                    .hasMessageContaining("or set jailspec.freebsd.allowEol=true");
            assertThat(run.host().run(Command.of("zfs", "list", "zdata/jails")).exitCode()).as("nothing created")
                    .isEqualTo(1);
            assertThat(commands).noneMatch(c -> c.startsWith("zfs create") || c.startsWith("freebsd-update"));
            p.teardown();
        }
    }

    @Test
    void withoutAReleaseTheSimRunsTheNewestSupportedReleaseAndPatchesIt() {
        try (JailspecRun run = open("jailspec.clock", DEC_3_2026, "jailspec.freebsd.release", "")) {
            assertThat(run.layout().release()).isEqualTo("15.1-RELEASE");
            assertThat(run.settings().sourceOf(Setting.SIM_RELEASE))
                    .isEqualTo("derived: the newest supported release on 2026-12-03");
            assertThat(run.settings().sourceOf(Setting.FREEBSD_RELEASE)).isEqualTo("derived: the simulated host's release");
            var p = new Provisioner(run);
            p.ensureTemplate();

            assertThat(run.host().run(Command.of("uname", "-r")).stdout()).isEqualTo("15.1-RELEASE\n");
            assertThat(run.host().run(Command.of("chroot", run.layout().templatePath(), "freebsd-version", "-u"))
                    .stdout()).isEqualTo("15.1-RELEASE-p3\n");
            assertThat(notes).noneMatch(n -> n.contains("archive"))
                    .anyMatch(n -> n.startsWith("the release catalogue could not confirm for 15.1-RELEASE: ")
                            && n.contains("newest patch level -p3"));
            p.teardown();
        }
    }

    @Test
    void aCatalogueBehindTheClockSaysSoInPreflight() {
        try (JailspecRun run = open("jailspec.clock", "2027-07-01", "jailspec.freebsd.release", "")) {
            assertThat(run.settings().sourceOf(Setting.SIM_RELEASE))
                    .isEqualTo("derived: no catalogued release is supported on 2027-07-01; the newest catalogued");
            var p = new Provisioner(run);

            assertThatThrownBy(p::ensureTemplate).isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("- release catalogue current: no supported release known after 2027-06-30;"
                            + " on 2027-07-01 (jailspec.clock) every release in the catalogue is past its end of life")
                    .hasMessageContaining("fix: update the catalogue: add the releases out since");
            p.teardown();
        }
    }

    @Test
    void allowEolBuildsAnUnpatchedTemplateFromTheArchiveMirrorAndSaysSo() {
        try (JailspecRun run = open("jailspec.clock", DEC_3_2026, "jailspec.freebsd.release", "14.3-RELEASE",
                "jailspec.freebsd.allowEol", "true")) {
            var p = new Provisioner(run);
            p.ensureTemplate();

            assertThat(run.host().run(Command.of("chroot", run.layout().templatePath(), "freebsd-version", "-u"))
                    .stdout()).isEqualTo("14.3-RELEASE\n");
            assertThat(commands).noneMatch(c -> c.startsWith("freebsd-update"));
            assertThat(notes).anyMatch(n -> n.matches("http://127\\.0\\.0\\.1:\\d+/ftp/releases/amd64/amd64/14\\.3-RELEASE/"
                    + " is not on the mirror \\(HTTP 404\\); a release past its end of life moves to the archive: trying"
                    + " http://127\\.0\\.0\\.1:\\d+/pub/FreeBSD-Archive/old-releases/amd64/amd64/14\\.3-RELEASE/"));
            assertThat(notes).contains("freebsd-update skipped: 14.3-RELEASE is past its end of life and"
                    + " jailspec.freebsd.allowEol=true; the template " + run.layout().templatePath() + " stays unpatched");
            p.teardown();
        }
    }
}
