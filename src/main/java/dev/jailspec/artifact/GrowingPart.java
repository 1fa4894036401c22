package dev.jailspec.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A download's {@code .part} file as it grows, read from its first byte by another thread while
 * {@link HttpTransfers} writes it: the reader hashes every byte and hands it on (to the image's
 * inspection), waiting on a condition when it has caught up with the writer. The file is the
 * buffer between the two, so memory stays bounded and the download is never held back; a
 * resumed download's earlier bytes are simply read from the file first, so the reader always
 * sees the whole stream.
 *
 * <p>When the file starts over after the reader could have seen some of it (a mirror that answers
 * 200 to a Range request, a 206 or 416 that does not continue), the reading is abandoned with the
 * reason: the reader's next read fails with {@link Abandoned}, and the Downloader falls back to
 * hashing the finished file (and its caller to inspecting it). A failed transfer abandons it too.
 */
final class GrowingPart {
    /** The reading was given up; {@link #getMessage()} says why. */
    static final class Abandoned extends IOException {
        private static final long serialVersionUID = 1L;

        Abandoned(String reason) {
            super(reason);
        }
    }

    private final Path part;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final MessageDigest sha256 = Hashing.sha256();
    private long written;
    private boolean complete;
    private String abandoned;
    private long consumed;
    private boolean drained;

    /** Follows {@code part}, which may already hold the bytes of an earlier, interrupted transfer. */
    GrowingPart(Path part) {
        this.part = part;
        this.written = Files.isRegularFile(part) ? HttpTransfers.sizeOf(part) : 0;
    }

    /** Writer: the file now holds {@code size} bytes, flushed to it. */
    void grew(long size) {
        lock.lock();
        try {
            written = size;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Writer: the file is about to start over from byte 0. */
    void startingOver(String why) {
        lock.lock();
        try {
            if (written > 0) {
                abandon(why);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writer: the transfer ended with the whole file. */
    void complete() {
        lock.lock();
        try {
            complete = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Either side: gives the reading up; the first reason is kept. */
    void abandon(String reason) {
        lock.lock();
        try {
            if (abandoned == null) {
                abandoned = reason;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Why the reading was abandoned, if it was. */
    Optional<String> abandonedBecause() {
        lock.lock();
        try {
            return Optional.ofNullable(abandoned);
        } finally {
            lock.unlock();
        }
    }

    /** The sha256 of the whole file, once the reader has read it to the end and nothing was abandoned. */
    Optional<String> sha256() {
        lock.lock();
        try {
            return drained && abandoned == null ? Optional.of(Hashing.hex(sha256.digest())) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** The reader's side: one stream from the first byte to the last. Only one reader; closing it releases the file. */
    InputStream reader() {
        return new Reader();
    }

    /** Reads what the reader left unread, hashing it, up to the end of the file. */
    void drain(InputStream reader) throws IOException {
        reader.transferTo(java.io.OutputStream.nullOutputStream());
    }

    /**
     * The file's bytes from {@code offset}, at most {@code length}, waiting for them to arrive; for
     * a decoder of one xz block while the download goes on ({@link ArrivingXzInputStream}). Hashes nothing:
     * {@link #reader()} sees every byte. Interrupting the reading thread ends the wait.
     */
    InputStream slice(long offset, long length) {
        return new Slice(offset, length);
    }

    /** What {@link #reader()} hands out: the sequential stream, and slices of the same file. */
    interface Arriving {
        InputStream slice(long offset, long length);
    }

    private long awaitUpTo(long position) throws IOException {
        lock.lock();
        try {
            while (abandoned == null && position >= written && !complete) {
                changed.await();
            }
            if (abandoned != null) {
                throw new Abandoned(abandoned);
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for " + part + " to grow");
        } finally {
            lock.unlock();
        }
    }

    private final class Slice extends InputStream {
        private long position;
        private final long end;
        private FileChannel channel;

        Slice(long offset, long length) {
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            long have = awaitUpTo(position);
            if (position >= have) {
                return -1; // complete, and shorter than the slice: the decoder says the block is cut
            }
            if (channel == null) {
                channel = FileChannel.open(part, StandardOpenOption.READ);
            }
            int want = (int) Math.min(len, Math.min(end, have) - position);
            int n = channel.read(ByteBuffer.wrap(b, off, want), position);
            if (n <= 0) {
                throw new IOException(part + " is shorter than the " + have + " bytes written to it");
            }
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }

    private final class Reader extends InputStream implements Arriving {
        @Override
        public InputStream slice(long offset, long length) {
            return GrowingPart.this.slice(offset, length);
        }

        private FileChannel channel;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            long available = awaitBytes();
            if (available < 0) {
                return -1;
            }
            // Closed too when a thread reading it was interrupted (a decoder stopped): open it again.
            if (channel == null || !channel.isOpen()) {
                channel = FileChannel.open(part, StandardOpenOption.READ);
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, available)), consumed);
            if (n <= 0) {
                throw new IOException(part + " is shorter than the " + written + " bytes written to it");
            }
            lock.lock();
            try {
                if (abandoned != null) {
                    throw new Abandoned(abandoned);
                }
                sha256.update(b, off, n);
                consumed += n;
            } finally {
                lock.unlock();
            }
            return n;
        }

        /** Bytes written and not yet read, waiting for some; -1 at the end of a complete file. */
        private long awaitBytes() throws IOException {
            lock.lock();
            try {
                while (abandoned == null && consumed >= written && !complete) {
                    changed.await();
                }
                if (abandoned != null) {
                    throw new Abandoned(abandoned);
                }
                if (consumed >= written) {
                    drained = true;
                    return -1;
                }
                return written - consumed;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for " + part + " to grow");
            } finally {
                lock.unlock();
            }
        }

        /** Lets go of the file; a later read opens it again where this one stopped. */
        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
    }
}
