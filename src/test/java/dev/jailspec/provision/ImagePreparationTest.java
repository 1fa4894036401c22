package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.artifact.Downloader;
import dev.jailspec.artifact.Hashing;
import dev.jailspec.artifact.InspectionCache;
import dev.jailspec.artifact.RootfsRejectedException;
import dev.jailspec.artifact.RootfsValidator;
import dev.jailspec.event.ArchiveInspected;
import dev.jailspec.event.EventBus;
import dev.jailspec.sim.fixtures.Artifact;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureArchives.RockyRelease;
import dev.jailspec.sim.fixtures.FixtureOci;
import dev.jailspec.sim.fixtures.FixtureServer;
import dev.jailspec.sim.fixtures.FixtureTar;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: where an image's inspection comes from. A cold run reads it as it downloads; a later
 * run (a new PreparedImages over the same cache) takes the kept inspection; without one it reads
 * the cached file; an image the rules refuse is never kept.
 */
class ImagePreparationTest {
    private static final RootfsValidator ROCKY_9 = RootfsValidator.linuxUserland("rocky", "9", new dev.jailspec.linux.rocky.RockyLinux().requiredPrograms(),
                new dev.jailspec.linux.rocky.RockyLinux()::withoutProgramsAdvice);

    @TempDir
    Path dir;

    private final EventBus bus = new EventBus();
    private final List<ArchiveInspected> inspected = new ArrayList<>();
    private FixtureServer server;
    private Downloader downloader;

    @BeforeEach
    void setUp() {
        bus.subscribe(ArchiveInspected.class, inspected::add);
        server = FixtureServer.start();
        downloader = new Downloader(dir.resolve("cache"), bus);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private URI serve(Artifact a) {
        server.serve("/img/" + a.name(), a.bytes());
        return server.url("/img/" + a.name());
    }

    /** One run's preparation: its own PreparedImages, the shared download cache. */
    private ImagePreparation.Ready prepareInANewRun(URI url, Artifact a) {
        return new ImagePreparation(downloader, new PreparedImages(), bus).prepare(url, a.sha256(), a.name(), "hint", ROCKY_9);
    }

    @Test
    void anOciImageIsReadInFlightThenTakenFromTheCacheThenReadFromTheFileWhenTheEntryIsGone() throws IOException {
        Artifact oci = FixtureArchives.rockyOciArchive(RockyRelease.R9_7);
        URI url = serve(oci);

        var cold = prepareInANewRun(url, oci);
        var warm = prepareInANewRun(url, oci);
        Files.delete(InspectionCache.entryPath(cold.download().path()));
        var noEntry = prepareInANewRun(url, oci);

        assertThat(inspected).extracting(ArchiveInspected::source).containsExactly(ArchiveInspected.Source.IN_FLIGHT,
                ArchiveInspected.Source.CACHE, ArchiveInspected.Source.FILE);
        Path flat = cold.prepared().rootfsTar();
        assertThat(flat.getFileName().toString()).isEqualTo(oci.name() + ".rootfs.tar");
        assertThat(cold.prepared().rootfsSha256()).isEqualTo(Hashing.sha256(flat));
        assertThat(warm.prepared()).isEqualTo(cold.prepared());
        assertThat(noEntry.prepared()).isEqualTo(cold.prepared());
        assertThat(warm.prepared().extracted().osRelease().versionId()).isEqualTo("9.7");
        assertThat(InspectionCache.entryPath(cold.download().path())).as("written again").exists();
        assertThat(flat.resolveSibling(flat.getFileName() + ".part")).doesNotExist();
    }

    @Test
    void aPlainRootfsIsUploadedAsItIsAndKeptWithoutAFlattenedTar() {
        Artifact rootfs = FixtureArchives.rockyBaseRootfs(RockyRelease.R9_6);
        URI url = serve(rootfs);

        var cold = prepareInANewRun(url, rootfs);
        var warm = prepareInANewRun(url, rootfs);

        assertThat(cold.prepared().rootfsTar()).isEqualTo(cold.download().path());
        assertThat(cold.prepared().rootfsSha256()).isEqualTo(rootfs.sha256());
        assertThat(warm.prepared()).isEqualTo(cold.prepared());
        assertThat(inspected).extracting(ArchiveInspected::source)
                .containsExactly(ArchiveInspected.Source.IN_FLIGHT, ArchiveInspected.Source.CACHE);
    }

    @Test
    void anOciImageWhoseFlattenedTreeTheRulesRefuseLeavesNoFlattenedTar() {
        FixtureTar layer = FixtureArchives.rockyTree(RockyRelease.R9_7, true).file("../escape", 0644, "x");
        Artifact evil = new Artifact("Rocky-9-Container-Base-9.7-evil.x86_64.oci.tar.xz",
                FixtureOci.create().layer(layer, true).xz());
        URI url = serve(evil);

        assertThatThrownBy(() -> prepareInANewRun(url, evil)).isInstanceOf(RootfsRejectedException.class)
                .hasMessageContaining("../escape");
        Path download = downloader.cachePathFor(url);
        Path flat = download.resolveSibling(download.getFileName() + ".rootfs.tar");
        assertThat(flat).as("refused after the one flattening: no tar kept").doesNotExist();
        assertThat(flat.resolveSibling(flat.getFileName() + ".part")).doesNotExist();
        assertThat(InspectionCache.entryPath(download)).doesNotExist();
    }

    @Test
    void anImageTheRulesRefuseIsNeverKeptAndIsRefusedAgainNextTime() {
        Artifact minimal = FixtureArchives.rockyMinimalRootfs(RockyRelease.R9_6);
        URI url = serve(minimal);

        assertThatThrownBy(() -> prepareInANewRun(url, minimal)).isInstanceOf(RootfsRejectedException.class)
                .hasMessageContaining("dnf");
        Path download = downloader.cachePathFor(url);
        assertThat(download).as("the verified download is kept").exists();
        assertThat(InspectionCache.entryPath(download)).doesNotExist();

        assertThatThrownBy(() -> prepareInANewRun(url, minimal)).isInstanceOf(RootfsRejectedException.class);
        assertThat(inspected).extracting(ArchiveInspected::source)
                .containsExactly(ArchiveInspected.Source.IN_FLIGHT, ArchiveInspected.Source.FILE);
    }
}
