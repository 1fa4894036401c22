package dev.jailspec.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream decoded on a thread of its own, a few chunks ahead of its reader: a single-block xz
 * file cannot be split between decoders, but its one decoder need not also wait for the tar
 * reader, so the decoding (with the hashing and reading of the bytes it consumes) runs on one core
 * while the inventory reads the chunks already decoded on the other. Memory: {@link #CHUNKS}
 * chunks of {@link #CHUNK} bytes, reused.
 *
 * <p>The reader sees what reading the source {@link #PIECE} bytes at a time gives: every byte in
 * order, then the end or the source's own exception (the same instance) after the bytes read
 * before it. (An xz decoder that fails in the middle of a read returns nothing of that read; its
 * integrity check fails only after the block's last byte was read.)
 * Closing stops the thread and waits for it, so the source's underlying stream is free again
 * (a download's reader then reads on from where the decoder stopped).
 */
final class ReadAheadInputStream extends DecodedBlocksInputStream {
    static final int CHUNK = 1 << 20;
    static final int CHUNKS = 4;
    /** What one read of the source asks for: a decoder failing mid-read loses at most this much before its exception. */
    static final int PIECE = 64 * 1024;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Decoded bytes, or the end ({@code length} 0, no failure), or the source's failure. */
    private record Chunk(byte[] bytes, int length, Throwable failure) {
        static final Chunk END = new Chunk(null, 0, null);
    }

    private final InputStream source;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final Thread thread;
    private byte[] reading;
    private Throwable failure;
    private boolean atEnd;

    /** Starts decoding {@code source} (closed with this stream) ahead of the reader. */
    ReadAheadInputStream(InputStream source) {
        this.source = source;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK]);
        }
        this.thread = new Thread(this::fill, "jailspec-read-ahead-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void fill() {
        try {
            while (!closed) {
                byte[] buf = free.take();
                int n = 0;
                Throwable failed = null;
                try {
                    while (n < buf.length) {
                        int r = source.read(buf, n, Math.min(PIECE, buf.length - n));
                        if (r < 0) {
                            break;
                        }
                        n += r;
                    }
                } catch (IOException | RuntimeException | Error e) {
                    failed = e;
                }
                if (n > 0) {
                    filled.put(new Chunk(buf, n, null));
                }
                if (failed != null) {
                    filled.put(new Chunk(null, 0, failed));
                    return;
                }
                if (n < buf.length) {
                    filled.put(Chunk.END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed: the reader is gone
        }
    }

    @Override
    protected boolean nextBlock() throws IOException {
        if (reading != null) {
            free.add(reading);
            reading = null;
            dropCurrent();
        }
        if (failure != null) {
            throw rethrow(failure);
        }
        if (atEnd) {
            return false;
        }
        Chunk next;
        try {
            next = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for decoded bytes");
        }
        if (next.failure() != null) {
            failure = next.failure();
            throw rethrow(failure);
        }
        if (next.bytes() == null) {
            atEnd = true;
            return false;
        }
        reading = next.bytes();
        current(reading, next.length());
        return true;
    }

    private static IOException rethrow(Throwable t) {
        if (t instanceof IOException io) {
            return io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) t;
    }

    /** Whether the decoding thread has ended (for tests). */
    boolean decoderStopped() {
        return !thread.isAlive();
    }

    /** Stops the decoding thread, waits for it, and closes the source. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        dropCurrent();
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
