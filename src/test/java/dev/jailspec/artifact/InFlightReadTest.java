package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.sim.fixtures.Artifact;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureArchives.RockyRelease;
import dev.jailspec.sim.fixtures.FixtureServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the image is read in the pass that downloads and hashes it. What that pass finds is
 * what reading the finished file finds, for a plain rootfs and an OCI archive, also when the
 * transfer is cut and resumed or starts from an earlier run's partial file; a failure on either
 * side ends cleanly.
 */
class InFlightReadTest {
    private static final String HINT = "check the mirror";
    private static final Artifact ROOTFS = FixtureArchives.rockyBaseRootfs(RockyRelease.R9_6);
    private static final Artifact OCI = FixtureArchives.rockyOciArchive(RockyRelease.R9_7);

    @TempDir
    Path dir;

    private final EventBus bus = new EventBus();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final ArchiveInspector inspector = new ArchiveInspector();
    private FixtureServer server;
    private Downloader downloader;

    @BeforeEach
    void setUp() {
        bus.subscribe(Note.class, n -> notes.add(n.text()));
        server = FixtureServer.start().serve("/img/" + ROOTFS.name(), ROOTFS.bytes()).serve("/img/" + OCI.name(), OCI.bytes());
        downloader = new Downloader(dir.resolve("cache"), bus, Downloader.Options.defaults().withMaxAttempts(3)
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(10)));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Downloader.InFlight<ImageRead> reader() {
        return (in, name) -> ImageRead.of(in, name, inspector, dir.resolve("spool"));
    }

    private URI url(Artifact a) {
        return server.url("/img/" + a.name());
    }

    private ImageRead readInFlight(Downloader.InspectedDownload<ImageRead> got) {
        assertThat(got.inFlight()).isInstanceOf(Downloader.InFlightOutcome.Read.class);
        return ((Downloader.InFlightOutcome.Read<ImageRead>) got.inFlight()).value();
    }

    @Test
    void aPlainRootfsReadInFlightGivesTheInventoryOfTheFinishedFile() {
        var got = downloader.download(url(ROOTFS), ROOTFS.sha256(), HINT, reader());

        try (ImageRead read = readInFlight(got)) {
            assertThat(read.oci()).isEmpty();
            assertThat(read.inventory().format()).isEqualTo(ArchiveFormat.PLAIN_ROOTFS);
            assertThat(read.inventory()).isEqualTo(inspector.inspect(got.download().path()));
        }
        assertThat(got.download().sha256()).isEqualTo(ROOTFS.sha256());
    }

    @Test
    void anOciArchiveReadInFlightIsSpooledAndFlattensAsTheFinishedFileDoes() throws IOException {
        var got = downloader.download(url(OCI), OCI.sha256(), HINT, reader());

        try (ImageRead read = readInFlight(got);
             ImageRead fromFile = ImageRead.of(got.download().path(), inspector, dir.resolve("spool2"))) {
            assertThat(read.inventory().format()).isEqualTo(ArchiveFormat.OCI_ARCHIVE);
            assertThat(read.inventory()).isEqualTo(fromFile.inventory());
            OciImage oci = read.oci().orElseThrow();
            assertThat(oci.layers()).isEqualTo(fromFile.oci().orElseThrow().layers());
            assertThat(oci.inventory()).isEqualTo(fromFile.oci().orElseThrow().inventory());
            assertThat(oci.inventory().osRelease().versionId()).isEqualTo("9.7");
        }
        try (Stream<Path> left = Files.list(dir.resolve("spool"))) {
            assertThat(left).as("closing the read removes its spool").isEmpty();
        }
    }

    @Test
    void aTransferCutAndResumedIsStillReadWhole() {
        server.cutConnectionOnce("/img/" + OCI.name(), OCI.size() / 2);

        var got = downloader.download(url(OCI), OCI.sha256(), HINT, reader());

        assertThat(got.download().resumed()).isTrue();
        try (ImageRead read = readInFlight(got)) {
            assertThat(read.oci().orElseThrow().inventory().hasDnf()).isTrue();
        }
        assertThat(server.requests("/img/" + OCI.name())).extracting(FixtureServer.Request::status).containsExactly(200, 206);
    }

    @Test
    void anEarlierRunsPartialFileIsReadFromItsFirstByte() throws IOException {
        Path target = downloader.cachePathFor(url(ROOTFS));
        Files.createDirectories(target.getParent());
        Files.write(target.resolveSibling(target.getFileName() + ".part"),
                Arrays.copyOf(ROOTFS.bytes(), ROOTFS.bytes().length / 3));

        var got = downloader.download(url(ROOTFS), ROOTFS.sha256(), HINT, reader());

        assertThat(got.download().resumed()).isTrue();
        assertThat(got.download().bytesTransferred()).isLessThan(ROOTFS.size());
        try (ImageRead read = readInFlight(got)) {
            assertThat(read.inventory()).isEqualTo(inspector.inspect(got.download().path()));
        }
    }

    @Test
    void bytesThatAreNoArchiveAreTheReadersVerdictAndTheDownloadIsKept() {
        byte[] junk = new byte[100_000];
        Arrays.fill(junk, (byte) 'x');
        server.serve("/img/junk.tar.xz", junk);

        var got = downloader.download(server.url("/img/junk.tar.xz"), Hashing.sha256(junk), HINT, reader());

        assertThat(got.inFlight()).isInstanceOfSatisfying(Downloader.InFlightOutcome.Failed.class,
                f -> assertThat(f.error()).isInstanceOf(ArchiveException.class).hasMessageContaining("junk.tar.xz"));
        assertThat(got.download().path()).as("the verified download is not lost").hasBinaryContent(junk);
    }

    @Test
    void aDamagedTransferFailsTheDownloadAndLeavesNoSpool() throws IOException {
        server.corruptBody("/img/" + OCI.name(), true);

        assertThatThrownBy(() -> downloader.download(url(OCI), OCI.sha256(), HINT, reader()))
                .isInstanceOf(ChecksumMismatchException.class);

        assertThat(downloader.cachePathFor(url(OCI))).doesNotExist();
        try (Stream<Path> left = Files.list(dir.resolve("spool"))) {
            assertThat(left).as("what the reader spooled is removed").isEmpty();
        }
    }

    @Test
    void aFailedTransferStopsTheReaderAndLeavesNoSpool() throws IOException {
        server.cutConnectionOnce("/img/" + OCI.name(), OCI.size() / 2).failWith("/img/" + OCI.name(), 503, 5);

        assertThatThrownBy(() -> downloader.download(url(OCI), OCI.sha256(), HINT, reader()))
                .isInstanceOf(DownloadException.class);

        try (Stream<Path> left = Files.list(dir.resolve("spool"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aCacheHitReadsNothingAndSaysSo() {
        downloader.download(url(ROOTFS), ROOTFS.sha256(), HINT, reader()).inFlight().close();

        var again = downloader.download(url(ROOTFS), ROOTFS.sha256(), HINT, reader());

        assertThat(again.download().fromCache()).isTrue();
        assertThat(again.inFlight()).isEqualTo(new Downloader.InFlightOutcome.NotRead<ImageRead>("the file was in the cache"));
    }

    @Test
    void aMirrorThatStartsOverAfterAResumeIsNotReadInFlightAndSaysSo() throws IOException {
        Path target = downloader.cachePathFor(url(ROOTFS));
        Files.createDirectories(target.getParent());
        Files.write(target.resolveSibling(target.getFileName() + ".part"),
                Arrays.copyOf(ROOTFS.bytes(), ROOTFS.bytes().length / 3));
        // A validator the mirror no longer has: it answers the Range request with the whole file (200).
        Files.writeString(target.resolveSibling(target.getFileName() + ".part.validator"), "\"another-version\"");

        var got = downloader.download(url(ROOTFS), ROOTFS.sha256(), HINT, reader());

        assertThat(server.requests("/img/" + ROOTFS.name())).extracting(FixtureServer.Request::status).containsExactly(200);
        assertThat(got.inFlight()).isInstanceOfSatisfying(Downloader.InFlightOutcome.NotRead.class,
                n -> assertThat(n.why()).contains("answered 200, not 206").contains("started over"));
        assertThat(got.download().sha256()).as("hashed from the finished file instead").isEqualTo(ROOTFS.sha256());
        assertThat(notes).anyMatch(n -> n.startsWith("not read while downloading ") && n.contains("after the download"));
        try (Stream<Path> left = Files.list(dir.resolve("spool"))) {
            assertThat(left).isEmpty();
        }
    }
}
