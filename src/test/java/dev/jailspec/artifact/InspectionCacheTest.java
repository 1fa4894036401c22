package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.sim.fixtures.Artifact;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureArchives.RockyRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspection kept beside a download: a hit gives back what was written; anything doubtful is ignored, saying why. */
class InspectionCacheTest {
    @TempDir
    Path dir;

    private final EventBus bus = new EventBus();
    private final List<String> notes = new ArrayList<>();
    private final InspectionCache cache = new InspectionCache(bus);
    private Path image;
    private ArchiveInventory inventory;
    private String sha256;

    @BeforeEach
    void setUp() throws IOException {
        bus.subscribe(Note.class, n -> notes.add(n.text()));
        Artifact rootfs = FixtureArchives.rockyBaseRootfs(RockyRelease.R9_6);
        image = Files.write(dir.resolve(rootfs.name()), rootfs.bytes());
        inventory = new ArchiveInspector().inspect(image);
        sha256 = rootfs.sha256();
    }

    private InspectionCache.Entry entry() throws IOException {
        return InspectionCache.Entry.of(sha256, inventory, inventory, "", sha256, Files.size(image));
    }

    @Test
    void aWrittenEntryIsReadBackEqualWithEveryPartOfTheInventory() throws IOException {
        cache.write(image, entry());

        var read = cache.read(image, sha256);

        assertThat(read).contains(entry());
        ArchiveInventory back = read.orElseThrow().rootfs();
        assertThat(back.osRelease().id()).isEqualTo("rocky");
        assertThat(back.tree().files()).isNotEmpty().isEqualTo(inventory.tree().files());
        assertThat(back.counts()).isEqualTo(inventory.counts());
        assertThat(notes).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the entry beside the download, no temporary file left")
                    .containsExactlyInAnyOrder(image.getFileName().toString(),
                            image.getFileName() + InspectionCache.SUFFIX);
        }
    }

    @Test
    void noEntryIsAMissWithoutANote() {
        assertThat(cache.read(image, sha256)).isEmpty();
        assertThat(notes).isEmpty();
    }

    @Test
    void aCorruptEntryIsIgnoredWithANoteAndReplacedByTheNextWrite() throws IOException {
        Files.writeString(InspectionCache.entryPath(image), "{\"formatVersion\": 1, \"imageSha256\": ");

        assertThat(cache.read(image, sha256)).isEmpty();
        assertThat(notes).singleElement().asString().contains("ignored the cached inspection").contains("cannot be read");

        cache.write(image, entry());
        assertThat(cache.read(image, sha256)).contains(entry());
        assertThat(image).as("the download is never touched").hasBinaryContent(
                FixtureArchives.rockyBaseRootfs(RockyRelease.R9_6).bytes());
    }

    @Test
    void anEntryWithAnUnknownFieldIsNotTrusted() throws IOException {
        cache.write(image, entry());
        Path file = InspectionCache.entryPath(image);
        Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{\"surprise\": true,"));

        assertThat(cache.read(image, sha256)).isEmpty();
        assertThat(notes).singleElement().asString().contains("cannot be read");
    }

    @Test
    void anEntryOfAnotherFormatVersionIsIgnored() throws IOException {
        var old = new InspectionCache.Entry(InspectionCache.FORMAT_VERSION - 1, sha256, inventory, inventory, "",
                sha256, Files.size(image));
        cache.write(image, old);

        assertThat(cache.read(image, sha256)).isEmpty();
        assertThat(notes).singleElement().asString()
                .contains("inspection format " + (InspectionCache.FORMAT_VERSION - 1) + ", this is "
                        + InspectionCache.FORMAT_VERSION);
    }

    @Test
    void anEntryForOtherBytesIsIgnored() throws IOException {
        cache.write(image, entry());

        assertThat(cache.read(image, "0".repeat(64))).isEmpty();
        assertThat(notes).singleElement().asString().contains("is for sha256 " + sha256);
    }

    @Test
    void anEntryWhoseFlattenedTarIsGoneOrChangedIsIgnored() throws IOException {
        Path flat = Files.write(dir.resolve(image.getFileName() + ".rootfs.tar"), new byte[] {1, 2, 3});
        cache.write(image, InspectionCache.Entry.of(sha256, inventory, inventory, flat.getFileName().toString(),
                "a".repeat(64), 3));
        assertThat(cache.read(image, sha256)).get().extracting(e -> e.rootfsTarBeside(image)).isEqualTo(flat);

        Files.write(flat, new byte[] {1, 2});
        assertThat(cache.read(image, sha256)).isEmpty();
        Files.delete(flat);
        assertThat(cache.read(image, sha256)).isEmpty();
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0)).contains("has 2 bytes, not 3");
        assertThat(notes.get(1)).contains("is gone");
    }
}
