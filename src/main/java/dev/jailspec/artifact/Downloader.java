package dev.jailspec.artifact;

import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.DownloadProgress;
import dev.jailspec.event.DownloadRetrying;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Downloads release artifacts into a cache directory and hands back only verified files.
 *
 * <ul>
 *   <li>The cache path mirrors the URL: {@code <cache>/<host>[_port]/<path>}, so two releases'
 *       {@code base.txz} never collide.</li>
 *   <li>A transfer is written to {@code <name>.part} and renamed to {@code <name>} only after its
 *       sha256 equals the caller's; a partial or unverified file never sits at the verified path.</li>
 *   <li>A leftover {@code .part} is resumed with {@code Range: bytes=N-} (and {@code If-Range}
 *       when the first response had an ETag or Last-Modified). 206 appends; 200 starts over.</li>
 *   <li>Connection errors, cut transfers, 408, 429 and 5xx are retried with exponential backoff,
 *       at most {@link Options#maxAttempts()} requests in all; other statuses fail at once.</li>
 *   <li>A cached file is re-hashed on every hit; if it no longer has the expected hash (the
 *       mirror's file changed) it is moved aside as {@code <name>.stale} and fetched again.</li>
 *   <li>A hash mismatch keeps the bytes as {@code <name>.rejected} and throws
 *       {@link ChecksumMismatchException}. When the bad file was resumed from an earlier
 *       transfer, it is fetched once more from zero before giving up.</li>
 * </ul>
 *
 * <p>Events: {@link DownloadProgress} at most every {@link Options#progressInterval()},
 * {@link DownloadRetrying} before each retry, {@link DownloadFinished} at the end.
 *
 * <p>Thread-safe within one JVM (one transfer per target at a time); two processes sharing a
 * cache directory are not coordinated.
 *
 * <p>The requests, resumes and retries are {@link HttpTransfers}'; this class owns the cache and
 * the verification.
 */
public final class Downloader {
    public static final String DEFAULT_HINT =
            "Check the mirror setting (jailspec.freebsd.mirror, or the Linux userland's jailspec.<distribution>.mirror) and the network.";
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    /**
     * Tunables. Backoff before retry k (k = 1, 2, ...) is
     * {@code min(maxBackoff, initialBackoff * multiplier^(k-1))}, or the server's Retry-After
     * seconds when larger (still capped by maxBackoff).
     */
    public record Options(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
                          Duration connectTimeout, Duration responseTimeout, Duration progressInterval,
                          Duration stallTimeout) {
        public Options {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
            if (multiplier < 1.0) {
                throw new IllegalArgumentException("backoff multiplier must be at least 1.0, got " + multiplier);
            }
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(responseTimeout, "responseTimeout");
            Objects.requireNonNull(progressInterval, "progressInterval");
            Objects.requireNonNull(stallTimeout, "stallTimeout");
        }

        public static Options defaults() {
            return new Options(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0,
                    Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(60));
        }

        public Options withMaxAttempts(int n) {
            return new Options(n, initialBackoff, maxBackoff, multiplier, connectTimeout, responseTimeout,
                    progressInterval, stallTimeout);
        }

        public Options withBackoff(Duration initial, Duration max) {
            return new Options(maxAttempts, initial, max, multiplier, connectTimeout, responseTimeout,
                    progressInterval, stallTimeout);
        }

        public Options withTimeouts(Duration connect, Duration response) {
            return new Options(maxAttempts, initialBackoff, maxBackoff, multiplier, connect, response,
                    progressInterval, stallTimeout);
        }

        public Options withProgressInterval(Duration interval) {
            return new Options(maxAttempts, initialBackoff, maxBackoff, multiplier, connectTimeout,
                    responseTimeout, interval, stallTimeout);
        }

        /** How long a transfer may go without a byte before it is cut and retried (resumed). */
        public Options withStallTimeout(Duration stall) {
            return new Options(maxAttempts, initialBackoff, maxBackoff, multiplier, connectTimeout,
                    responseTimeout, progressInterval, stall);
        }

        Duration backoff(int failedAttempt, long retryAfterSeconds) {
            double ms = initialBackoff.toMillis() * Math.pow(multiplier, failedAttempt - 1);
            long delay = (long) Math.min(maxBackoff.toMillis(), ms);
            if (retryAfterSeconds > 0) {
                delay = Math.min(maxBackoff.toMillis(), Math.max(delay, retryAfterSeconds * 1000));
            }
            return Duration.ofMillis(delay);
        }
    }

    private final Path cacheDir;
    private final EventBus bus;
    private final Options options;
    private final HttpTransfers http;
    private final Map<String, String> serverNames;

    public Downloader(Path cacheDir, EventBus bus) {
        this(cacheDir, bus, Options.defaults());
    }

    public Downloader(Path cacheDir, EventBus bus, Options options) {
        this(cacheDir, bus, options, HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(options.connectTimeout())
                .build());
    }

    /** {@code client} should follow redirects; the default one does (not from https to http). */
    public Downloader(Path cacheDir, EventBus bus, Options options, HttpClient client) {
        this(cacheDir, bus, options, new HttpTransfers(Objects.requireNonNull(client, "client"), bus, options),
                Map.of());
    }

    private Downloader(Path cacheDir, EventBus bus, Options options, HttpTransfers http,
                       Map<String, String> serverNames) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath();
        this.bus = Objects.requireNonNull(bus, "bus");
        this.options = Objects.requireNonNull(options, "options");
        this.http = http;
        this.serverNames = Map.copyOf(serverNames);
    }

    /**
     * This downloader, caching what comes from the server at {@code base} (its host and port) under
     * {@code directory} instead of {@code <host>_<port>}: the sim's embedded mirror listens on another
     * port each run, and serves the same bytes, so a kept cache is reused across runs.
     */
    public Downloader cachingServerAs(URI base, String directory) {
        var names = new java.util.HashMap<>(serverNames);
        names.put(Objects.requireNonNull(base.getRawAuthority(), "base has no authority: " + base), directory);
        return new Downloader(cacheDir, bus, options, http, names);
    }

    public Path cacheDir() {
        return cacheDir;
    }

    public Options options() {
        return options;
    }

    /** Where the verified file for {@code url} lives; see {@link CachePaths}. */
    public Path cachePathFor(URI url) {
        return CachePaths.of(cacheDir, url, serverNames);
    }

    public DownloadResult download(URI url, String expectedSha256) {
        return download(url, expectedSha256, DEFAULT_HINT);
    }

    /**
     * Returns the verified file for {@code url}, downloading it unless the cache has it.
     *
     * @param hint what a person should check when it fails, e.g. "Check jailspec.freebsd.mirror
     *             and jailspec.freebsd.release."; ends every error message
     * @throws ChecksumMismatchException when the bytes do not hash to {@code expectedSha256}
     * @throws DownloadException         when the server refuses or retries run out
     */
    public DownloadResult download(URI url, String expectedSha256, String hint) {
        return download(url, expectedSha256, hint, null).download();
    }

    /**
     * Reads the bytes of a download as they arrive, on a thread of its own, in the same pass that
     * hashes them ({@link ImageRead}'s pass over an image). It gets the whole file from its first
     * byte, a resumed transfer's earlier bytes included; it must not keep the stream.
     */
    @FunctionalInterface
    public interface InFlight<T extends AutoCloseable> {
        T read(InputStream arriving, String name);
    }

    /** What an {@link InFlight} reader came to; a value not handed on is closed by the Downloader. */
    public sealed interface InFlightOutcome<T extends AutoCloseable> extends AutoCloseable {
        /** The reader read the whole, verified file. */
        record Read<T extends AutoCloseable>(T value) implements InFlightOutcome<T> {
        }

        /** The reader failed on the verified bytes (a damaged or unreadable archive): its verdict. */
        record Failed<T extends AutoCloseable>(RuntimeException error) implements InFlightOutcome<T> {
        }

        /** Nothing was read in flight: the file came from the cache, or the reading was given up ({@code why}). */
        record NotRead<T extends AutoCloseable>(String why) implements InFlightOutcome<T> {
        }

        @Override
        default void close() {
            if (this instanceof Read<T> r) {
                try {
                    r.value().close();
                } catch (Exception e) {
                    // a spool left behind is the temporary directory's to clean; the outcome stands
                }
            }
        }
    }

    /** A verified download and what the in-flight reader made of it. */
    public record InspectedDownload<T extends AutoCloseable>(DownloadResult download, InFlightOutcome<T> inFlight) {
    }

    /**
     * {@link #download(URI, String, String)}, with {@code reader} (may be null) reading the bytes as
     * they arrive. Its outcome counts only for bytes that verified; a cache hit reads nothing.
     */
    public <T extends AutoCloseable> InspectedDownload<T> download(URI url, String expectedSha256, String hint,
                                                                   InFlight<T> reader) {
        String expected = Hashing.requireSha256(expectedSha256, "expected sha256 for " + url);
        Path target = cachePathFor(url);
        synchronized (LOCKS.computeIfAbsent(target, k -> new Object())) {
            return downloadLocked(url, expected, target, hint, reader);
        }
    }

    private <T extends AutoCloseable> InspectedDownload<T> downloadLocked(URI url, String expected, Path target,
                                                                          String hint, InFlight<T> reader) {
        long start = System.nanoTime();
        String name = target.getFileName().toString();
        Path part = target.resolveSibling(name + ".part");
        Path validator = target.resolveSibling(name + ".part.validator");
        if (Files.isRegularFile(target)) {
            String cached = Hashing.sha256(target);
            if (cached.equals(expected)) {
                long size = HttpTransfers.sizeOf(target);
                bus.publish(new DownloadFinished(bus.now(), url.toString(), new DownloadFinished.CachedFile(target.toString()), 0, true, cached));
                return new InspectedDownload<>(new DownloadResult(url, target, size, 0, true, false, 0, cached,
                        elapsed(start)), new InFlightOutcome.NotRead<>("the file was in the cache"));
            }
            Path stale = target.resolveSibling(name + ".stale");
            move(target, stale);
            bus.publish(new Note(bus.now(), "cached " + target + " has sha256 " + cached + ", not the expected "
                    + expected + "; moved it to " + stale + " and downloading " + url + " again"));
        }
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new DownloadException("cannot create the cache directory " + target.getParent() + " for " + url
                    + ": " + e + ". Check jailspec's cache directory setting and the disk.", url, -1, 0, e);
        }
        int attempts = 0;
        long transferred = 0;
        boolean resumed = false;
        for (int pass = 1; ; pass++) {
            // Named as the finished file is, so what it reads says the same as reading that file would.
            InFlightRead<T> inFlight = reader == null ? null : new InFlightRead<>(part, target.toString(), reader);
            HttpTransfers.Transfer t;
            try {
                t = http.transfer(url, part, validator, hint, attempts, inFlight == null ? null : inFlight.follower());
            } catch (RuntimeException e) {
                if (inFlight != null) {
                    inFlight.abandon("the download failed");
                }
                throw e;
            }
            attempts = t.attempts;
            transferred += t.transferred;
            resumed |= t.resumed;
            InFlightOutcome<T> outcome = inFlight == null
                    ? new InFlightOutcome.NotRead<>("no in-flight reader") : inFlight.finish();
            if (outcome instanceof InFlightOutcome.NotRead<T> notRead && inFlight != null) {
                bus.publish(new Note(bus.now(), "not read while downloading " + url + " (" + notRead.why()
                        + "): it is hashed, and can be inspected, after the download instead"));
            }
            String actual = inFlight == null ? Hashing.sha256(part)
                    : inFlight.sha256().orElseGet(() -> Hashing.sha256(part));
            if (!actual.equals(expected)) {
                outcome.close();
            }
            if (actual.equals(expected)) {
                try {
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    move(part, target);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot rename " + part + " to " + target + ": " + e, e);
                }
                HttpTransfers.deleteQuietly(validator);
                long size = HttpTransfers.sizeOf(target);
                bus.publish(new DownloadFinished(bus.now(), url.toString(), new DownloadFinished.CachedFile(target.toString()), transferred, false,
                        actual));
                return new InspectedDownload<>(new DownloadResult(url, target, size, transferred, false, resumed,
                        attempts, actual, elapsed(start)), outcome);
            }
            Path rejected = target.resolveSibling(name + ".rejected");
            move(part, rejected);
            HttpTransfers.deleteQuietly(validator);
            if (t.resumed && pass == 1 && attempts < options.maxAttempts()) {
                bus.publish(new Note(bus.now(), "resumed download of " + url + " has sha256 " + actual
                        + ", not " + expected + " (the partial file may be from another version); kept it as "
                        + rejected + " and downloading again from zero"));
                continue;
            }
            throw new ChecksumMismatchException(url, expected, actual, target, rejected, hint);
        }
    }

    /**
     * Fetches a small document (MANIFEST, CHECKSUM) into memory, with the same retries; nothing
     * is cached, so a listing is always current. At most {@code maxBytes}.
     */
    public byte[] fetchSmall(URI url, long maxBytes, String hint) {
        return http.fetchSmall(url, maxBytes, hint);
    }

    public String fetchText(URI url, String hint) {
        return new String(fetchSmall(url, 16L * 1024 * 1024, hint), StandardCharsets.UTF_8);
    }
    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e, e);
        }
    }


    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}

