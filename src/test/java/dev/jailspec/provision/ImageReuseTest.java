package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.ArchiveInspected;
import dev.jailspec.event.CommandKind;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.FileContent;
import dev.jailspec.event.FileWritten;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.jailspec.event.Note;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: within one run the Linux image is inspected once and copied to the host once; every
 * scenario still extracts it into its own clone, as feature 04 shows.
 */
class ImageReuseTest {
    @TempDir
    Path dir;

    @Test
    void twoScenariosOfOneRunReadAndCopyTheImageOnceAndExtractItOnce() {
        var settings = SimRuns.settings(dir.resolve("host"), dir.resolve("cache"), "5s");
        List<ArchiveInspected> inspected = new ArrayList<>();
        List<String> imageCopies = new ArrayList<>();
        List<String> extractions = new ArrayList<>();
        try (JailspecRun run = SimRuns.open(settings, "reuse1")) {
            run.bus().subscribe(ArchiveInspected.class, inspected::add);
            run.bus().subscribe(FileWritten.class, e -> {
                if (e.content() instanceof FileContent.Copied && e.path().contains("/media/") && !e.path().contains("base.txz")) {
                    imageCopies.add(e.path());
                }
            });
            run.bus().subscribe(CommandStarted.class, e -> {
                if (e.command().intent().kind() == CommandKind.EXTRACT && e.command().argv().contains("--numeric-owner")) {
                    extractions.add(String.join(" ", e.command().argv()));
                }
            });
            for (int scenario = 0; scenario < 2; scenario++) {
                var provisioner = new Provisioner(run);
                provisioner.ensureLinuxJailRunning();
                provisioner.teardown();
            }
        }
        assertThat(inspected).as("passes over the image").hasSize(1);
        assertThat(inspected.get(0).source()).as("read as it downloaded").isEqualTo(ArchiveInspected.Source.IN_FLIGHT);
        assertThat(inspected.get(0).name()).contains("Container-Base");
        assertThat(inspected.get(0).members()).isPositive();
        assertThat(imageCopies).as("copies of the image to the host").hasSize(1);
        // jailspec.linux.template=true (the default): into the Linux template once, the second scenario clones it
        // (LinuxTemplateOnSimTest; with the setting off every scenario extracts into its own clone).
        assertThat(extractions).as("extractions of the image").singleElement().asString()
                .contains("-C /zdata/jails/templates/14.3-RELEASE-rocky9 ");
    }

    /** Issue 15: a second run over the same cache reads the image not at all, for either format. */
    @ParameterizedTest
    @ValueSource(strings = {"oci", "rootfs"})
    void aSecondRunOverTheSameCacheInspectsNothing(String format) {
        List<List<ArchiveInspected>> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            // Each run on a fresh host: only the download cache is shared, as between two CI jobs.
            var settings = SimRuns.settings(dir.resolve("host" + n), dir.resolve("cache"), "5s",
                    "jailspec.sim.rocky.format", format);
            List<ArchiveInspected> inspected = new ArrayList<>();
            try (JailspecRun run = SimRuns.open(settings, "warm" + n)) {
                run.bus().subscribe(ArchiveInspected.class, inspected::add);
                run.bus().subscribe(Note.class, note -> notes.add(note.text()));
                var provisioner = new Provisioner(run);
                provisioner.ensureLinuxJailRunning();
                provisioner.teardown();
            }
            runs.add(inspected);
        }
        assertThat(runs.get(0)).extracting(ArchiveInspected::source).containsExactly(ArchiveInspected.Source.IN_FLIGHT);
        assertThat(runs.get(1)).as("the second run's inspections").extracting(ArchiveInspected::source)
                .containsExactly(ArchiveInspected.Source.CACHE);
        assertThat(runs.get(1)).filteredOn(e -> e.source().readTheBytes()).as("passes over the image").isEmpty();
        assertThat(runs.get(1).get(0).sha256()).isEqualTo(runs.get(0).get(0).sha256());
        assertThat(runs.get(1).get(0).members()).isEqualTo(runs.get(0).get(0).members());
        assertThat(notes).anyMatch(t -> t.startsWith("reused the inspection of ") && t.contains(".inspection.json"));
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("one cache directory for the embedded mirror, whatever its port")
                    .contains("embedded-mirror").noneMatch(f -> f.startsWith("127.0.0.1_"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
