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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 */
public final class Downloader {
    public static final String DEFAULT_HINT =
            "Check the mirror setting (jailspec.freebsd.mirror or jailspec.rocky.mirror) and the network.";
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");
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
    private final HttpClient client;

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
        this.client = Objects.requireNonNull(client, "client");
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
                long size = sizeOf(target);
                bus.publish(new DownloadFinished(bus.now(), url.toString(), target.toString(), 0, true, cached));
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
            Transfer t = transfer(url, part, validator, hint, attempts);
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
                deleteQuietly(validator);
                long size = sizeOf(target);
                bus.publish(new DownloadFinished(bus.now(), url.toString(), target.toString(), transferred, false,
                        actual));
                return new DownloadResult(url, target, size, transferred, false, resumed, attempts, actual,
                        elapsed(start));
            }
            Path rejected = target.resolveSibling(name + ".rejected");
            move(part, rejected);
            deleteQuietly(validator);
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
        int attempt = 0;
        while (true) {
            attempt++;
            Failure failure;
            try {
                HttpResponse<InputStream> resp = client.send(request(url).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                int status = resp.statusCode();
                try (InputStream body = resp.body()) {
                    if (status == 200) {
                        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                        if (bytes.length > maxBytes) {
                            throw new DownloadException(url + " is larger than " + maxBytes
                                    + " bytes, too large for a listing. " + hint, url, status, attempt, null);
                        }
                        long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
                        if (declared >= 0 && declared != bytes.length) {
                            throw new IOException("transfer ended after " + bytes.length + " of " + declared + " bytes");
                        }
                        bus.publish(new DownloadFinished(bus.now(), url.toString(), "-", bytes.length, false,
                                Hashing.sha256(bytes)));
                        return bytes;
                    }
                    failure = statusFailure(url, status, resp, attempt, hint);
                }
            } catch (IOException e) {
                failure = new Failure(HttpWording.describe(e), -1, 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException("interrupted while downloading " + url, url, -1, attempt, e);
            }
            retryOrGiveUp(url, failure, attempt, hint);
        }
    }

    public String fetchText(URI url, String hint) {
        return new String(fetchSmall(url, 16L * 1024 * 1024, hint), StandardCharsets.UTF_8);
    }

    // -----------------------------------------------------------------------------------------

    private static final class Transfer {
        int attempts;
        long transferred;
        boolean resumed;
    }

    /** A failure worth retrying; {@code status} -1 when no response arrived. */
    private record Failure(String reason, int status, long retryAfterSeconds, Throwable cause) {
    }

    private HttpRequest.Builder request(URI url) {
        return HttpRequest.newBuilder(url)
                .timeout(options.responseTimeout())
                .header("User-Agent", "jailspec");
    }

    /** Runs requests until {@code part} holds the whole file, or throws. */
    private Transfer transfer(URI url, Path part, Path validatorFile, String hint, int attemptsSoFar) {
        Transfer t = new Transfer();
        t.attempts = attemptsSoFar;
        while (true) {
            t.attempts++;
            long have = Files.isRegularFile(part) ? sizeOf(part) : 0;
            HttpRequest.Builder rb = request(url).GET();
            Optional<String> validator = have > 0 ? readValidator(validatorFile) : Optional.empty();
            if (have > 0) {
                rb.header("Range", "bytes=" + have + "-");
                validator.ifPresent(v -> rb.header("If-Range", v));
            }
            Failure failure;
            try {
                HttpResponse<InputStream> resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
                int status = resp.statusCode();
                try (InputStream body = resp.body()) {
                    failure = switch (status) {
                        case 200 -> {
                            if (have > 0) {
                                bus.publish(new Note(bus.now(), url + " answered 200 to a Range request for "
                                        + "bytes " + have + "-: the partial file is discarded and the download starts over"));
                            }
                            writeValidator(validatorFile, resp);
                            long total = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
                            yield receive(url, body, part, false, 0, total, t);
                        }
                        case 206 -> {
                            Matcher m = CONTENT_RANGE.matcher(resp.headers().firstValue("Content-Range").orElse(""));
                            if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                                deleteQuietly(part);
                                yield new Failure("206 with Content-Range \""
                                        + resp.headers().firstValue("Content-Range").orElse("")
                                        + "\" does not continue at byte " + have + "; starting over", 206, 0, null);
                            }
                            long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
                            t.resumed = true;
                            yield receive(url, body, part, true, have, total, t);
                        }
                        case 416 -> {
                            Matcher m = UNSATISFIED_RANGE.matcher(resp.headers().firstValue("Content-Range").orElse(""));
                            if (m.matches() && Long.parseLong(m.group(1)) == have) {
                                yield null; // the partial file was already complete
                            }
                            deleteQuietly(part);
                            yield new Failure("416 for a Range from byte " + have + "; starting over", 416, 0, null);
                        }
                        default -> statusFailure(url, status, resp, t.attempts, hint);
                    };
                }
            } catch (IOException e) {
                failure = new Failure(HttpWording.describe(e), -1, 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException("interrupted while downloading " + url + "; the partial file " + part
                        + " is kept and will be resumed", url, -1, t.attempts, e);
            }
            if (failure == null) {
                return t;
            }
            retryOrGiveUp(url, failure, t.attempts, hint);
        }
    }

    /** Copies the body into {@code part}; returns null when complete, else a retryable failure. */
    private Failure receive(URI url, InputStream body, Path part, boolean append, long offset, long total,
                            Transfer t) {
        long progressEveryNanos = options.progressInterval().toNanos();
        long started = System.nanoTime();
        long lastPublished = started;
        long received = 0;
        var open = append
                ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND}
                : new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING};
        try (FileChannel out = FileChannel.open(part, open)) {
            byte[] buf = new byte[64 * 1024];
            while (true) {
                int n;
                var stalled = new java.util.concurrent.atomic.AtomicBoolean();
                ScheduledFuture<?> watchdog = STALL_WATCHDOG.schedule(() -> {
                    stalled.set(true);
                    closeQuietly(body);
                }, options.stallTimeout().toMillis(), TimeUnit.MILLISECONDS);
                try {
                    n = body.read(buf);
                } catch (IOException e) {
                    out.force(false);
                    String why = stalled.get()
                            ? "no data for " + (options.stallTimeout().toMillis() < 10_000
                                    ? options.stallTimeout().toMillis() + " ms" : options.stallTimeout().toSeconds() + " s")
                                    + ", the mirror stalled"
                            : HttpWording.describe(e);
                    return new Failure("transfer cut after " + (offset + received) + (total >= 0 ? " of " + total : "")
                            + " bytes (" + why + ")", -1, 0, e);
                } finally {
                    watchdog.cancel(false);
                }
                if (n < 0) {
                    break;
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
                received += n;
                t.transferred += n;
                long now = System.nanoTime();
                if (now - lastPublished >= progressEveryNanos) {
                    lastPublished = now;
                    long rate = (long) (received / Math.max(1e-9, (now - started) / 1e9));
                    bus.publish(new DownloadProgress(bus.now(), url.toString(), offset + received, total, rate));
                }
            }
            out.force(true);
        } catch (IOException e) {
            throw new DownloadException("cannot write " + part + " while downloading " + url + ": " + e
                    + ". Check the free space and permissions of the cache directory.", url, -1, t.attempts, e);
        }
        if (total >= 0 && offset + received < total) {
            return new Failure("transfer ended after " + (offset + received) + " of " + total + " bytes", -1, 0, null);
        }
        return null;
    }

    // HttpClient bounds the wait for headers, not for the body: a silent mirror is cut by closing its stream.
    private static final ScheduledExecutorService STALL_WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jailspec-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the read that waits on it fails, which is the point
        }
    }

    private Failure statusFailure(URI url, int status, HttpResponse<?> resp, int attempt, String hint) {
        if (status >= 500 || status == 408 || status == 429) {
            long retryAfter = resp.headers().firstValue("Retry-After").flatMap(HttpWording::seconds).orElse(0L);
            return new Failure("HTTP " + status + HttpWording.reason(status), status, retryAfter, null);
        }
        String what = switch (status) {
            case 404, 410 -> "the file is not on the mirror: check the release or image name in the URL.";
            case 401, 403 -> "the mirror refuses access.";
            default -> "the server refused the request.";
        };
        throw new DownloadException(url + ": HTTP " + status + HttpWording.reason(status) + ": " + what + " " + hint,
                url, status, attempt, null);
    }

    private void retryOrGiveUp(URI url, Failure failure, int attempt, String hint) {
        if (attempt >= options.maxAttempts()) {
            throw new DownloadException(url + ": gave up after " + attempt + " attempt" + (attempt == 1 ? "" : "s")
                    + "; last failure: " + failure.reason() + ". The mirror may be down or unreachable. " + hint,
                    url, failure.status(), attempt, failure.cause());
        }
        Duration delay = options.backoff(attempt, failure.retryAfterSeconds());
        bus.publish(new DownloadRetrying(bus.now(), url.toString(), attempt, options.maxAttempts(),
                failure.reason(), delay.toMillis()));
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException("interrupted while waiting to retry " + url, url, failure.status(), attempt, e);
        }
    }

    private static Optional<String> readValidator(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Keeps the strong ETag (or Last-Modified) of a 200 so a resume can ask If-Range. */
    private static void writeValidator(Path file, HttpResponse<?> resp) {
        Optional<String> v = resp.headers().firstValue("ETag").filter(e -> !e.startsWith("W/"))
                .or(() -> resp.headers().firstValue("Last-Modified"));
        try {
            if (v.isPresent()) {
                Files.writeString(file, v.get());
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Without a validator a resume is still checked by the final sha256.
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + p + ": " + e, e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover sidecar only costs a full download later
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
