package dev.jailspec.artifact;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One pass of a {@link Downloader.InFlight} reader over a {@code .part} while it downloads, on a
 * thread of its own: the reader gets the bytes through a {@link GrowingPart}, which hashes them on
 * the way; what the reader leaves unread is read (and hashed) after it returns or fails, so the
 * hash always covers the whole file. {@link #finish} waits for it and says what it came to.
 */
final class InFlightRead<T extends AutoCloseable> {
    private final GrowingPart part;
    private final FutureTask<Downloader.InFlightOutcome<T>> task;

    InFlightRead(Path partFile, String name, Downloader.InFlight<T> reader) {
        this.part = new GrowingPart(partFile);
        this.task = new FutureTask<>(() -> run(reader, name));
        Thread thread = new Thread(task, "jailspec-inspect-" + partFile.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    GrowingPart follower() {
        return part;
    }

    private Downloader.InFlightOutcome<T> run(Downloader.InFlight<T> reader, String name) throws Exception {
        try (InputStream in = part.reader()) {
            T value;
            try {
                value = reader.read(in, name);
            } catch (RuntimeException e) {
                // The reader's failure is its verdict on the bytes, unless the reading was given up under it.
                Optional<String> why = part.abandonedBecause();
                if (why.isPresent()) {
                    return new Downloader.InFlightOutcome.NotRead<>(why.get());
                }
                if (e instanceof InFlightDeclined declined) {
                    part.drain(in);
                    return new Downloader.InFlightOutcome.NotRead<>(declined.getMessage());
                }
                part.drain(in);
                return new Downloader.InFlightOutcome.Failed<>(e);
            }
            try {
                part.drain(in);
            } catch (GrowingPart.Abandoned e) {
                value.close();
                return new Downloader.InFlightOutcome.NotRead<>(e.getMessage());
            }
            return new Downloader.InFlightOutcome.Read<>(value);
        } catch (GrowingPart.Abandoned e) {
            return new Downloader.InFlightOutcome.NotRead<>(e.getMessage());
        }
    }

    /** The transfer ended with the whole file: waits for the reader. */
    Downloader.InFlightOutcome<T> finish() {
        part.complete();
        return await();
    }

    /** The transfer failed: stops the reader, waits for it and discards what it made. */
    void abandon(String reason) {
        part.abandon(reason);
        await().close();
    }

    /** The sha256 of the whole file, when the reader read all of it. */
    Optional<String> sha256() {
        return part.sha256();
    }

    private Downloader.InFlightOutcome<T> await() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            part.abandon("interrupted");
            Thread.currentThread().interrupt();
            return new Downloader.InFlightOutcome.NotRead<>("interrupted while reading in flight");
        } catch (ExecutionException e) {
            // Only the file's own I/O can end up here (the reader's failures are outcomes).
            return new Downloader.InFlightOutcome.NotRead<>("the in-flight read failed: " + e.getCause());
        }
    }
}
