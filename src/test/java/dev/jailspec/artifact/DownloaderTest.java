package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.DownloadProgress;
import dev.jailspec.event.DownloadRetrying;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.JailspecEvent;
import dev.jailspec.event.Note;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureServer;
import dev.jailspec.sim.fixtures.FixtureTar;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    private static final String RELEASE = "14.3-RELEASE";
    private static final FixtureArchives.FreebsdDist DIST = FixtureArchives.freebsd(RELEASE);
    private static final String BASE = FixtureServer.freebsdPath(RELEASE, "base.txz");
    private static final String HINT = "Check jailspec.freebsd.mirror.";

    @TempDir
    Path cache;

    private FixtureServer server;
    private final EventBus bus = new EventBus();
    private final List<JailspecEvent> events = new CopyOnWriteArrayList<>();
    private Downloader downloader;

    @BeforeEach
    void setUp() {
        server = FixtureServer.start().serveFreebsd(DIST);
        bus.subscribe(events::add);
        downloader = new Downloader(cache, bus, fast());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static Downloader.Options fast() {
        return Downloader.Options.defaults()
                .withMaxAttempts(4)
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withProgressInterval(Duration.ofMillis(500));
    }

    private <T extends JailspecEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void secondDownloadOfTheSameUrlIsACacheHitThatTransfersNothing() {
        URI url = server.url(BASE);
        DownloadResult first = downloader.download(url, DIST.base().sha256(), HINT);
        server.clearRequests();

        DownloadResult second = downloader.download(url, DIST.base().sha256(), HINT);

        assertThat(first.fromCache()).isFalse();
        assertThat(first.bytesTransferred()).isEqualTo(DIST.base().size());
        assertThat(first.path()).isEqualTo(cache.resolve("127.0.0.1_" + url.getPort()
                + "/ftp/releases/amd64/amd64/14.3-RELEASE/base.txz"));
        assertThat(second.fromCache()).isTrue();
        assertThat(second.bytesTransferred()).isZero();
        assertThat(second.attempts()).isZero();
        assertThat(second.path()).isEqualTo(first.path()).hasBinaryContent(DIST.base().bytes());
        assertThat(server.requests()).isEmpty();
        assertThat(events(DownloadFinished.class)).extracting(DownloadFinished::fromCache, DownloadFinished::bytes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(false, DIST.base().size()),
                        org.assertj.core.groups.Tuple.tuple(true, 0L));
        assertThat(Files.exists(first.path().resolveSibling("base.txz.part"))).isFalse();
    }

    @Test
    void aCutConnectionIsResumedWithARangeRequestAndTheHashIsRight() {
        server.cutConnectionOnce(BASE, 400);

        DownloadResult r = downloader.download(server.url(BASE), DIST.base().sha256(), HINT);

        assertThat(r.resumed()).isTrue();
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.sha256()).isEqualTo(DIST.base().sha256());
        assertThat(r.path()).hasBinaryContent(DIST.base().bytes());
        List<FixtureServer.Request> reqs = server.requests(BASE);
        assertThat(reqs).hasSize(2);
        assertThat(reqs.get(0).range()).isEmpty();
        assertThat(reqs.get(0).bytesSent()).isEqualTo(400);
        assertThat(reqs.get(1).range()).isEqualTo("bytes=400-");
        assertThat(reqs.get(1).ifRange()).isEqualTo(FixtureServer.etag(DIST.base().bytes()));
        assertThat(reqs.get(1).status()).isEqualTo(206);
        assertThat(r.bytesTransferred()).isEqualTo(DIST.base().size());
        assertThat(events(DownloadRetrying.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("transfer cut after 400 of " + DIST.base().size()));
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void aMirrorThatStallsMidFileIsCutAfterTheStallTimeoutAndResumed() {
        server.stallOnce(BASE, 400);
        var stalling = new Downloader(cache, bus, downloader.options().withStallTimeout(Duration.ofMillis(500)));

        DownloadResult r = stalling.download(server.url(BASE), DIST.base().sha256(), HINT);

        assertThat(r.resumed()).isTrue();
        assertThat(r.sha256()).isEqualTo(DIST.base().sha256());
        assertThat(server.requests(BASE).get(1).range()).isEqualTo("bytes=400-");
        assertThat(events(DownloadRetrying.class)).singleElement().satisfies(e -> assertThat(e.reason())
                .contains("transfer cut after 400 of " + DIST.base().size())
                .contains("no data for 500 ms, the mirror stalled"));
    }

    @Test
    void a503IsRetriedWithBackoffAndThenSucceeds() {
        server.failWith(BASE, 503, 2);

        DownloadResult r = downloader.download(server.url(BASE), DIST.base().sha256(), HINT);

        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.path()).hasBinaryContent(DIST.base().bytes());
        assertThat(server.requests(BASE)).extracting(FixtureServer.Request::status).containsExactly(503, 503, 200);
        assertThat(events(DownloadRetrying.class)).extracting(DownloadRetrying::attempt, DownloadRetrying::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "HTTP 503 Service Unavailable"),
                        org.assertj.core.groups.Tuple.tuple(2, "HTTP 503 Service Unavailable"));
        assertThat(events(DownloadRetrying.class)).extracting(DownloadRetrying::delayMs).containsExactly(5L, 10L);
    }

    @Test
    void retriesAreBoundedAndTheMessageSaysWhatFailedAndWhatToCheck() {
        server.failWith(BASE, 503, 100);
        URI url = server.url(BASE);

        assertThatThrownBy(() -> downloader.download(url, DIST.base().sha256(), HINT))
                .isInstanceOfSatisfying(DownloadException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.attempts()).isEqualTo(4);
                })
                .hasMessage(url + ": gave up after 4 attempts; last failure: HTTP 503 Service Unavailable."
                        + " The mirror may be down or unreachable. Check jailspec.freebsd.mirror.");
        assertThat(server.requests(BASE)).hasSize(4);
        assertThat(downloader.cachePathFor(url)).doesNotExist();
    }

    @Test
    void a404FailsAtOnceNamingUrlStatusAndHint() {
        String path = FixtureServer.freebsdPath("14.9-RELEASE", "base.txz");
        URI url = server.url(path);

        assertThatThrownBy(() -> downloader.download(url, DIST.base().sha256(), HINT))
                .isInstanceOfSatisfying(DownloadException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage(url + ": HTTP 404 Not Found: the file is not on the mirror: check the release or image"
                        + " name in the URL. Check jailspec.freebsd.mirror.");
        assertThat(server.requests(path)).hasSize(1);
    }

    @Test
    void connectionRefusedIsRetriedThenReportedWithTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + BASE);

        assertThatThrownBy(() -> downloader.download(url, DIST.base().sha256(), HINT))
                .isInstanceOfSatisfying(DownloadException.class, e -> assertThat(e.status()).isEqualTo(-1))
                .hasMessageStartingWith(url + ": gave up after 4 attempts; last failure: cannot connect")
                .hasMessageEndingWith("The mirror may be down or unreachable. Check jailspec.freebsd.mirror.");
        assertThat(events(DownloadRetrying.class)).hasSize(3);
    }

    @Test
    void checksumMismatchNamesBothHashesTheUrlAndThePathsAndLeavesNothingAtTheVerifiedPath() {
        server.corruptBody(BASE, true);
        URI url = server.url(BASE);
        Path target = downloader.cachePathFor(url);
        Path rejected = target.resolveSibling("base.txz.rejected");
        byte[] bad = DIST.base().bytes();
        bad[bad.length / 2] ^= 0x5A;
        String actual = Hashing.sha256(bad);

        assertThatThrownBy(() -> downloader.download(url, DIST.base().sha256(), HINT))
                .isInstanceOfSatisfying(ChecksumMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(DIST.base().sha256());
                    assertThat(e.actual()).isEqualTo(actual);
                    assertThat(e.url()).isEqualTo(url);
                    assertThat(e.path()).isEqualTo(target);
                    assertThat(e.rejectedPath()).isEqualTo(rejected);
                })
                .hasMessage("sha256 mismatch for " + url + ": expected " + DIST.base().sha256() + ", got " + actual
                        + ". The file was not stored at " + target + "; the downloaded bytes are kept at " + rejected
                        + " for inspection (delete it when done). Check jailspec.freebsd.mirror.");
        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling("base.txz.part")).doesNotExist();
        assertThat(rejected).hasBinaryContent(bad);
        assertThat(events(DownloadFinished.class)).isEmpty();
    }

    @Test
    void aPartialFileFromAnotherVersionIsDiscardedWhenTheServerAnswers200ToIfRange() throws IOException {
        URI url = server.url(BASE);
        Path target = downloader.cachePathFor(url);
        Files.createDirectories(target.getParent());
        Files.write(target.resolveSibling("base.txz.part"), new byte[] {1, 2, 3, 4, 5});
        Files.writeString(target.resolveSibling("base.txz.part.validator"), "\"an-older-etag\"");

        DownloadResult r = downloader.download(url, DIST.base().sha256(), HINT);

        assertThat(r.resumed()).isFalse();
        assertThat(r.path()).hasBinaryContent(DIST.base().bytes());
        assertThat(server.requests(BASE)).singleElement().satisfies(q -> {
            assertThat(q.range()).isEqualTo("bytes=5-");
            assertThat(q.ifRange()).isEqualTo("\"an-older-etag\"");
            assertThat(q.status()).isEqualTo(200);
        });
        assertThat(events(Note.class)).extracting(Note::text).singleElement().asString()
                .contains("answered 200 to a Range request for bytes 5-");
    }

    @Test
    void aResumedFileThatFailsVerificationIsFetchedOnceMoreFromZero() throws IOException {
        URI url = server.url(BASE);
        Path target = downloader.cachePathFor(url);
        Files.createDirectories(target.getParent());
        Files.write(target.resolveSibling("base.txz.part"), new byte[] {9, 9, 9}); // no validator: 206 follows

        DownloadResult r = downloader.download(url, DIST.base().sha256(), HINT);

        assertThat(r.path()).hasBinaryContent(DIST.base().bytes());
        assertThat(server.requests(BASE)).extracting(FixtureServer.Request::range, FixtureServer.Request::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bytes=3-", 206),
                        org.assertj.core.groups.Tuple.tuple("", 200));
        assertThat(target.resolveSibling("base.txz.rejected")).exists();
        assertThat(events(Note.class)).extracting(Note::text).singleElement().asString()
                .contains("resumed download of " + url).contains("downloading again from zero");
    }

    @Test
    void aStaleCachedFileIsMovedAsideAndFetchedAgain() throws IOException {
        URI url = server.url(BASE);
        Path target = downloader.cachePathFor(url);
        Files.createDirectories(target.getParent());
        Files.writeString(target, "an older base.txz");

        DownloadResult r = downloader.download(url, DIST.base().sha256(), HINT);

        assertThat(r.fromCache()).isFalse();
        assertThat(r.path()).hasBinaryContent(DIST.base().bytes());
        assertThat(target.resolveSibling("base.txz.stale")).hasContent("an older base.txz");
    }

    @Test
    void redirectsAreFollowed() {
        String alias = "/pub/FreeBSD/releases/amd64/amd64/14.3-RELEASE/base.txz";
        server.redirect(alias, BASE);

        DownloadResult r = downloader.download(server.url(alias), DIST.base().sha256(), HINT);

        assertThat(r.path()).hasBinaryContent(DIST.base().bytes());
        assertThat(server.requests()).extracting(FixtureServer.Request::path, FixtureServer.Request::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(alias, 302),
                        org.assertj.core.groups.Tuple.tuple(BASE, 200));
    }

    @Test
    void progressIsPublishedNoMoreOftenThanTheInterval() {
        byte[] big = new byte[4 * 1024 * 1024];
        new Random(1).nextBytes(big);
        server.serve("/big.bin", big);
        var slowProgress = new Downloader(cache, bus, fast().withProgressInterval(Duration.ofHours(1)));
        var everyChunk = new Downloader(cache.resolve("other"), bus, fast().withProgressInterval(Duration.ZERO));

        slowProgress.download(server.url("/big.bin"), Hashing.sha256(big), HINT);
        assertThat(events(DownloadProgress.class)).isEmpty();

        everyChunk.download(server.url("/big.bin"), Hashing.sha256(big), HINT);
        List<DownloadProgress> progress = events(DownloadProgress.class);
        assertThat(progress).hasSizeGreaterThan(1);
        assertThat(progress).allSatisfy(p -> {
            assertThat(p.total()).isEqualTo(big.length);
            assertThat(p.url()).isEqualTo(server.url("/big.bin").toString());
        });
        assertThat(progress).extracting(DownloadProgress::bytes).isSorted();
    }

    @Test
    void listingsAreFetchedFreshIntoMemory() {
        String text = downloader.fetchText(server.url(FixtureServer.freebsdPath(RELEASE, "MANIFEST")), HINT);
        String again = downloader.fetchText(server.url(FixtureServer.freebsdPath(RELEASE, "MANIFEST")), HINT);

        assertThat(text).isEqualTo(DIST.manifest()).isEqualTo(again);
        assertThat(server.requests(FixtureServer.freebsdPath(RELEASE, "MANIFEST"))).hasSize(2);
    }

    @Test
    void aBadExpectedHashIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> downloader.download(server.url(BASE), "abc", HINT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected sha256 for " + server.url(BASE) + " must be 64 hex digits (a sha256), got \"abc\"");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void headAndRangeAreServedLikeAMirror() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var head = client.send(java.net.http.HttpRequest.newBuilder(server.url(BASE))
                        .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        var tail = client.send(java.net.http.HttpRequest.newBuilder(server.url(BASE))
                        .header("Range", "bytes=" + (DIST.base().size() - 10) + "-").build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(DIST.base().size());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(DIST.base().bytes(),
                (int) DIST.base().size() - 10, (int) DIST.base().size()));
        assertThat(tail.headers().firstValue("Content-Range"))
                .hasValue("bytes " + (DIST.base().size() - 10) + "-" + (DIST.base().size() - 1) + "/" + DIST.base().size());
        assertThat(FixtureTar.DEFAULT_MTIME).isNotNull();
    }
}
