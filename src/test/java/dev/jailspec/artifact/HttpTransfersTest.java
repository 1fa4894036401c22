package dev.jailspec.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.EventBus;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP half of the downloader on its own: a .part file and its validator, no cache, no hash. */
class HttpTransfersTest {
    private static final FixtureArchives.FreebsdDist DIST = FixtureArchives.freebsd("14.3-RELEASE");
    private static final String BASE = FixtureServer.freebsdPath("14.3-RELEASE", "base.txz");

    @TempDir
    Path dir;

    private final FixtureServer server = FixtureServer.start().serveFreebsd(DIST);
    private final HttpTransfers http = new HttpTransfers(HttpClient.newHttpClient(), new EventBus(),
            Downloader.Options.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)));

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aPartialFileIsContinuedFromItsLastByteWithTheValidatorAsIfRange() throws IOException {
        byte[] whole = DIST.base().bytes();
        Path part = dir.resolve("base.txz.part");
        Path validator = dir.resolve("base.txz.part.validator");
        int have = whole.length / 2;
        Files.write(part, Arrays.copyOf(whole, have));
        Files.writeString(validator, FixtureServer.etag(whole));

        HttpTransfers.Transfer t = http.transfer(server.url(BASE), part, validator, "hint", 0);

        assertThat(part).hasBinaryContent(whole);
        assertThat(t.resumed).isTrue();
        assertThat(t.attempts).isEqualTo(1);
        assertThat(t.transferred).isEqualTo(whole.length - have);
        assertThat(server.requests(BASE)).singleElement().satisfies(r -> {
            assertThat(r.range()).isEqualTo("bytes=" + have + "-");
            assertThat(r.ifRange()).isEqualTo(FixtureServer.etag(whole));
            assertThat(r.status()).isEqualTo(206);
        });
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void anInterruptDuringTheBackoffEndsTheTransferAndKeepsTheInterrupt() throws Exception {
        server.failWith(BASE, 503, 100);
        var bus = new EventBus();
        var retrying = new java.util.concurrent.CountDownLatch(1);
        bus.subscribe(dev.jailspec.event.DownloadRetrying.class, e -> retrying.countDown());
        var slow = new HttpTransfers(HttpClient.newHttpClient(), bus,
                Downloader.Options.defaults().withBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1)));
        var thrown = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var interruptKept = new java.util.concurrent.atomic.AtomicBoolean();
        Thread worker = new Thread(() -> {
            try {
                slow.fetchSmall(server.url(BASE), 1 << 20, "hint");
            } catch (RuntimeException e) {
                thrown.set(e);
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        });
        worker.start();
        assertThat(retrying.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("a retry announced").isTrue();

        worker.interrupt();
        worker.join(10_000);

        assertThat(thrown.get()).isInstanceOf(DownloadException.class)
                .hasMessage("interrupted while waiting to retry " + server.url(BASE));
        assertThat(((DownloadException) thrown.get()).status()).as("the last failure's status").isEqualTo(503);
        assertThat(interruptKept).as("the thread's interrupt status").isTrue();
        assertThat(server.requests(BASE)).as("requests: none after the interrupt").hasSize(1);
    }

    @Test
    void aFreshTransferKeepsTheStrongEtagForALaterResume() throws IOException {
        Path part = dir.resolve("base.txz.part");
        Path validator = dir.resolve("base.txz.part.validator");

        HttpTransfers.Transfer t = http.transfer(server.url(BASE), part, validator, "hint", 2);

        assertThat(part).hasBinaryContent(DIST.base().bytes());
        assertThat(t.resumed).isFalse();
        assertThat(t.attempts).as("counted on from the attempts so far").isEqualTo(3);
        assertThat(Files.readString(validator)).isEqualTo(FixtureServer.etag(DIST.base().bytes()));
    }
}
