package dev.jailspec.artifact;

import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.DownloadProgress;
import dev.jailspec.event.DownloadRetrying;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import java.io.IOException;
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
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath();
        this.bus = Objects.requireNonNull(bus, "bus");
        this.options = Objects.requireNonNull(options, "options");
        this.http = new HttpTransfers(Objects.requireNonNull(client, "client"), this.bus, this.options);
    }

    public Path cacheDir() {
        return cacheDir;
    }

    public Options options() {
        return options;
    }

    /** Where the verified file for {@code url} lives; see {@link CachePaths}. */
    public Path cachePathFor(URI url) {
        return CachePaths.of(cacheDir, url);
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
        String expected = Hashing.requireSha256(expectedSha256, "expected sha256 for " + url);
        Path target = cachePathFor(url);
        synchronized (LOCKS.computeIfAbsent(target, k -> new Object())) {
            return downloadLocked(url, expected, target, hint);
        }
    }

    private DownloadResult downloadLocked(URI url, String expected, Path target, String hint) {
        long start = System.nanoTime();
        String name = target.getFileName().toString();
        Path part = target.resolveSibling(name + ".part");
        Path validator = target.resolveSibling(name + ".part.validator");
        if (Files.isRegularFile(target)) {
            String cached = Hashing.sha256(target);
            if (cached.equals(expected)) {
                long size = HttpTransfers.sizeOf(target);
                bus.publish(new DownloadFinished(bus.now(), url.toString(), new DownloadFinished.CachedFile(target.toString()), 0, true, cached));
                return new DownloadResult(url, target, size, 0, true, false, 0, cached, elapsed(start));
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
            HttpTransfers.Transfer t = http.transfer(url, part, validator, hint, attempts);
            attempts = t.attempts;
            transferred += t.transferred;
            resumed |= t.resumed;
            String actual = Hashing.sha256(part);
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
                return new DownloadResult(url, target, size, transferred, false, resumed, attempts, actual,
                        elapsed(start));
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

