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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: within one run the Linux image is inspected once and copied to the host once; every
 * scenario still extracts it into its own clone, as feature 04 shows.
 */
class ImageReuseTest {
    @TempDir
    Path dir;

    @Test
    void twoScenariosOfOneRunReadAndCopyTheImageOnceAndExtractItTwice() {
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
                if (e.command().intent().kind() == CommandKind.EXTRACT && e.command().argv().contains(run.layout().linuxRootOnHost())) {
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
        assertThat(inspected.get(0).name()).contains("Container-Base");
        assertThat(inspected.get(0).members()).isPositive();
        assertThat(imageCopies).as("copies of the image to the host").hasSize(1);
        assertThat(extractions).as("extractions into each scenario's clone").hasSize(2);
    }
}
