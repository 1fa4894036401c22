import com.sun.net.httpserver.HttpServer;
import dev.jailspec.artifact.ArchiveInspector;
import dev.jailspec.artifact.DownloadResult;
import dev.jailspec.artifact.Downloader;
import dev.jailspec.artifact.Hashing;
import dev.jailspec.artifact.ImageRead;
import dev.jailspec.event.EventBus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Times jailspec's Downloader against a loopback HTTP server that sends FILE at a fixed rate:
 * the download alone (transfer, then the sha256 pass over the file, as before issue 15) against
 * the download with the image read in flight (ImageRead over the arriving bytes, both formats,
 * the sha256 in the same pass), and, for comparison, the download followed by reading the file.
 * One JVM for all runs, after one untimed warm-up of each mode. Prints each run, best and median
 * per mode, and {@code inflight/download: R}, R the best in-flight time over the best download.
 *
 * <p>Usage: {@code java -cp CLASSPATH DownloadInspect FILE RATE_BYTES_PER_SECOND RUNS LABEL}
 */
public final class DownloadInspect {
    private static final int CHUNK = 64 * 1024;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long rate = Long.parseLong(args[1]);
        int runs = Integer.parseInt(args[2]);
        String label = args.length > 3 ? args[3] : "";
        byte[] bytes = Files.readAllBytes(file);
        String sha256 = Hashing.sha256(bytes);
        HttpServer server = throttled(bytes, rate);
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + file.getFileName());
        Path work = Files.createTempDirectory("jailspec-download-inspect-");
        var inspector = new ArchiveInspector();
        try {
            check(url, sha256, work, inspector);
            List<Long> alone = new ArrayList<>();
            List<Long> inFlight = new ArrayList<>();
            List<Long> after = new ArrayList<>();
            for (int i = 0; i <= runs; i++) {
                long a = time(() -> download(url, sha256, work, null, inspector));
                long b = time(() -> download(url, sha256, work, "inflight", inspector));
                long c = time(() -> download(url, sha256, work, "after", inspector));
                if (i == 0) {
                    continue; // warm-up
                }
                alone.add(a);
                inFlight.add(b);
                after.add(c);
                System.out.printf(Locale.ROOT, "%srun %d: download %d ms  download+inspect in flight %d ms  download, then inspect %d ms%n",
                        label, i, a, b, c);
            }
            System.out.printf(Locale.ROOT, "%swall, best of %d: download %d ms, in flight %d ms, then %d ms;"
                            + " median: download %d ms, in flight %d ms, then %d ms%n", label, runs,
                    best(alone), best(inFlight), best(after), median(alone), median(inFlight), median(after));
            double r = (double) best(inFlight) / best(alone);
            System.out.printf(Locale.ROOT, "%sthen/download: %.2f (best), inspecting after the download%n", label,
                    (double) best(after) / best(alone));
            System.out.printf(Locale.ROOT, "%sinflight/download median: %.2f%n", label,
                    (double) median(inFlight) / median(alone));
            System.out.printf(Locale.ROOT, "%sinflight/download: %.2f (bound 1.10: %s)%n", label, r,
                    r <= 1.10 ? "met" : "NOT met");
        } finally {
            server.stop(0);
            deleteTree(work);
        }
    }

    /** Once, untimed: what is read in flight is what reading the finished file gives. */
    private static void check(URI url, String sha256, Path work, ArchiveInspector inspector) throws IOException {
        Path cache = Files.createTempDirectory(work, "check-");
        var got = new Downloader(cache, new EventBus()).download(url, sha256, "bench",
                (in, name) -> ImageRead.of(in, name, inspector, work));
        try (var outcome = got.inFlight();
             ImageRead fromFile = ImageRead.of(got.download().path(), inspector, work)) {
            if (!(outcome instanceof Downloader.InFlightOutcome.Read<ImageRead> read)) {
                throw new IllegalStateException("not read in flight: " + outcome);
            }
            long seen = read.value().inventory().entryCount();
            if (seen != fromFile.inventory().entryCount()) {
                throw new IllegalStateException("in flight " + seen + " entries, the file " + fromFile.inventory().entryCount());
            }
            System.out.println("image: " + url.getPath() + ", " + got.download().size() + " bytes, " + seen
                    + " entries, " + read.value().inventory().format() + "; read in flight as from the file");
        }
        deleteTree(cache);
    }

    private static void download(URI url, String sha256, Path work, String mode, ArchiveInspector inspector) {
        Path cache;
        try {
            cache = Files.createTempDirectory(work, "cache-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var downloader = new Downloader(cache, new EventBus());
        if ("inflight".equals(mode)) {
            var got = downloader.download(url, sha256, "bench", (in, name) -> ImageRead.of(in, name, inspector, work));
            if (!(got.inFlight() instanceof Downloader.InFlightOutcome.Read<ImageRead>)) {
                throw new IllegalStateException("not read in flight: " + got.inFlight());
            }
            got.inFlight().close();
        } else {
            DownloadResult r = downloader.download(url, sha256, "bench");
            if ("after".equals(mode)) {
                ImageRead.of(r.path(), inspector, work).close();
            }
        }
        deleteTree(cache);
    }

    /** Serves {@code body} at every path, {@code rate} bytes per second (0: as fast as it goes). */
    private static HttpServer throttled(byte[] body, long rate) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-mirror");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/x-xz");
            exchange.sendResponseHeaders(200, body.length);
            long start = System.nanoTime();
            try (OutputStream out = exchange.getResponseBody()) {
                for (int off = 0; off < body.length; off += CHUNK) {
                    out.write(body, off, Math.min(CHUNK, body.length - off));
                    if (rate > 0) {
                        // The mirror's pace: byte n leaves no earlier than n / rate seconds after the first.
                        long due = start + (long) ((off + CHUNK) * 1e9 / rate);
                        for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                }
            }
        });
        http.start();
        return http;
    }

    private static long time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long best(List<Long> xs) {
        return xs.stream().min(Long::compare).orElseThrow();
    }

    private static long median(List<Long> xs) {
        List<Long> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
