package dev.jailspec.artifact;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.DownloadProgress;
import dev.jailspec.event.DownloadRetrying;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.HumanDuration;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP half of {@link Downloader}: requests with jailspec's User-Agent and timeouts, a
 * leftover {@code .part} resumed with {@code Range}/{@code If-Range} (206 appends, 200 starts
 * over, 416 for a complete file), a body that stalls cut by a watchdog, connection errors, cut
 * transfers, 408, 429 and 5xx retried with backoff ({@link Downloader.Options#backoff}), other
 * statuses failed at once with what to check. It knows nothing of the cache or of hashes; the
 * Downloader decides what a finished {@code .part} is worth.
 */
final class HttpTransfers {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");

    private final HttpClient client;
    private final EventBus bus;
    private final Downloader.Options options;

    HttpTransfers(HttpClient client, EventBus bus, Downloader.Options options) {
        this.client = client;
        this.bus = bus;
        this.options = options;
    }

    /** What the requests for one {@code .part} came to. */
    static final class Transfer {
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
    Transfer transfer(URI url, Path part, Path validatorFile, String hint, int attemptsSoFar) {
        return transfer(url, part, validatorFile, hint, attemptsSoFar, null);
    }

    /** The same, telling {@code follower} (may be null) how {@code part} grows or starts over. */
    Transfer transfer(URI url, Path part, Path validatorFile, String hint, int attemptsSoFar, GrowingPart follower) {
        Transfer t = new Transfer();
        t.attempts = attemptsSoFar;
        return withRetries(url, hint, attemptsSoFar, attempt -> {
            t.attempts = attempt;
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
                            if (follower != null) {
                                follower.startingOver(url + " answered 200, not 206, to a Range request: the download started over");
                            }
                            yield receive(url, body, part, false, 0, total, t, follower);
                        }
                        case 206 -> {
                            Matcher m = CONTENT_RANGE.matcher(resp.headers().firstValue("Content-Range").orElse(""));
                            if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                                if (follower != null) {
                                    follower.startingOver("a 206 that did not continue the partial file: the download started over");
                                }
                                deleteQuietly(part);
                                yield new Failure("206 with Content-Range \""
                                        + resp.headers().firstValue("Content-Range").orElse("")
                                        + "\" does not continue at byte " + have + "; starting over", 206, 0, null);
                            }
                            long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
                            t.resumed = true;
                            yield receive(url, body, part, true, have, total, t, follower);
                        }
                        case 416 -> {
                            Matcher m = UNSATISFIED_RANGE.matcher(resp.headers().firstValue("Content-Range").orElse(""));
                            if (m.matches() && Long.parseLong(m.group(1)) == have) {
                                yield null; // the partial file was already complete
                            }
                            if (follower != null) {
                                follower.startingOver("a 416 for the partial file: the download started over");
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
            if (failure != null) {
                throw new Retryable(failure);
            }
            return t;
        });
    }


    /**
     * Fetches a small document (MANIFEST, CHECKSUM) into memory, with the same retries; nothing
     * is cached, so a listing is always current. At most {@code maxBytes}.
     */
    byte[] fetchSmall(URI url, long maxBytes, String hint) {
        return withRetries(url, hint, 0, attempt -> {
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
                        bus.publish(new DownloadFinished(bus.now(), url.toString(), new DownloadFinished.InMemory(), bytes.length, false,
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
            throw new Retryable(failure);
        });
    }

    /** Copies the body into {@code part}; returns null when complete, else a retryable failure. */
    private Failure receive(URI url, InputStream body, Path part, boolean append, long offset, long total,
                            Transfer t, GrowingPart follower) {
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
                            ? "no data for " + HumanDuration.of(options.stallTimeout())
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
                if (follower != null) {
                    follower.grew(offset + received);
                }
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

    /** One attempt's failure worth retrying, thrown to the retry policy. */
    private static final class Retryable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Failure failure;

        Retryable(Failure failure) {
            super(failure.reason(), failure.cause(), false, false);
            this.failure = failure;
        }
    }

    /** One request, given its number among all of this file's requests. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run(int attempt);
    }

    /**
     * Runs {@code attempt} until it returns, at most {@link Downloader.Options#maxAttempts()}
     * requests in all ({@code attemptsSoFar} were made before): a {@link Retryable} is retried
     * after the options' backoff (or the server's Retry-After), announced as {@link DownloadRetrying};
     * Failsafe's retry policy does the waiting. Anything else ends the transfer at once.
     */
    private <T> T withRetries(URI url, String hint, int attemptsSoFar, Attempt<T> attempt) {
        var made = new AtomicInteger(attemptsSoFar);
        var lastFailure = new AtomicReference<Failure>();
        RetryPolicy<T> policy = RetryPolicy.<T>builder()
                .handle(Retryable.class)
                .withMaxAttempts(Math.max(1, options.maxAttempts() - attemptsSoFar))
                .withDelayFn(ctx -> options.backoff(made.get(), failureOf(ctx.getLastException()).retryAfterSeconds()))
                .onFailedAttempt(e -> lastFailure.set(failureOf(e.getLastException())))
                .onRetryScheduled(e -> bus.publish(new DownloadRetrying(bus.now(), url.toString(), made.get(),
                        options.maxAttempts(), failureOf(e.getLastException()).reason(), e.getDelay().toMillis())))
                .build();
        try {
            return Failsafe.with(policy).get(() -> attempt.run(made.incrementAndGet()));
        } catch (Retryable gaveUp) {
            Failure last = gaveUp.failure;
            int n = made.get();
            throw new DownloadException(url + ": gave up after " + n + " attempt" + (n == 1 ? "" : "s")
                    + "; last failure: " + last.reason() + ". The mirror may be down or unreachable. " + hint,
                    url, last.status(), n, last.cause());
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                int status = lastFailure.get() == null ? -1 : lastFailure.get().status();
                throw new DownloadException("interrupted while waiting to retry " + url, url, status, made.get(),
                        e.getCause());
            }
            throw e;
        }
    }

    private static Failure failureOf(Throwable retryable) {
        return ((Retryable) retryable).failure;
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

    static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + p + ": " + e, e);
        }
    }


    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover sidecar only costs a full download later
        }
    }
}
