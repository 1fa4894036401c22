package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.artifact.DownloadException;
import dev.jailspec.artifact.Downloader;
import dev.jailspec.event.EventBus;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive mirror is tried when, and only when, the release directory is gone from the mirror. */
class ReleaseDirsTest {
    private static final FixtureArchives.FreebsdDist DIST = FixtureArchives.freebsd("14.3-RELEASE");

    @TempDir
    Path cache;
    private FixtureServer server;
    private Downloader downloader;
    private ReleaseDirs dirs;

    @BeforeEach
    void start() {
        server = FixtureServer.start();
        downloader = new Downloader(cache, new EventBus(), Downloader.Options.defaults().withMaxAttempts(1)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        dirs = new ReleaseDirs(server.url("/ftp/releases/amd64/amd64/14.3-RELEASE/"),
                server.url(FixtureServer.ARCHIVE_ROOT + "/old-releases/amd64/amd64/14.3-RELEASE/"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aReleaseOnTheMirrorIsTakenFromThereAndTheArchiveIsNotAsked() {
        server.serveFreebsd(DIST).serveFreebsdArchived(DIST);

        ReleaseDirs.Located found = dirs.locate(downloader, new EventBus());

        assertThat(found.dir()).isEqualTo(dirs.primary());
        assertThat(found.manifest()).isEqualTo(DIST.manifest());
        assertThat(server.requests(FixtureServer.freebsdArchivePath("14.3-RELEASE", "MANIFEST"))).isEmpty();
    }

    @Test
    void aReleaseGoneFromTheMirrorIsReadFromTheArchive() {
        server.serveFreebsdArchived(DIST);

        ReleaseDirs.Located found = dirs.locate(downloader, new EventBus());

        assertThat(found.dir()).isEqualTo(dirs.archive());
        assertThat(found.manifest()).isEqualTo(DIST.manifest());
        assertThat(server.requests(FixtureServer.freebsdPath("14.3-RELEASE", "MANIFEST")))
                .extracting(FixtureServer.Request::status).containsExactly(404);
    }

    @Test
    void aFailingMirrorIsNotMistakenForAMovedRelease() {
        server.serveFreebsdArchived(DIST).failWith(FixtureServer.freebsdPath("14.3-RELEASE", "MANIFEST"), 503, 5);

        assertThatThrownBy(() -> dirs.locate(downloader, new EventBus()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("503");
        assertThat(server.requests(FixtureServer.freebsdArchivePath("14.3-RELEASE", "MANIFEST"))).isEmpty();
    }

    @Test
    void aReleaseOnNeitherMirrorNamesBoth() {
        assertThatThrownBy(() -> dirs.locate(downloader, new EventBus()))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("/old-releases/amd64/amd64/14.3-RELEASE/MANIFEST: HTTP 404 Not Found")
                .hasMessageContaining("the release is neither on jailspec.freebsd.mirror (" + dirs.primary()
                        + ") nor on jailspec.freebsd.archiveMirror");
    }
}
