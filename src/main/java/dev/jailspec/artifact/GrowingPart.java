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
    private final MessageDigest sha256 = Hashing.sha256();
    private long written;
    private boolean complete;
    private String abandoned;
    private long consumed;
    private boolean drained;
    private String hex;

    /** Follows {@code part}, which may already hold the bytes of an earlier, interrupted transfer. */
    GrowingPart(Path part) {
        this.part = part;
        this.written = Files.isRegularFile(part) ? HttpTransfers.sizeOf(part) : 0;
    }

    // One monitor guards the state below; readers wait on it for the writer (wait/notifyAll).

    /** Writer: the file now holds {@code size} bytes, flushed to it. */
    synchronized void grew(long size) {
        written = size;
        notifyAll();
    }

    /** Writer: the file is about to start over from byte 0. */
    synchronized void startingOver(String why) {
        if (written > 0) {
            abandon(why);
        }
    }

    /** Writer: the transfer ended with the whole file. */
    synchronized void complete() {
        complete = true;
        notifyAll();
    }

    /** Either side: gives the reading up; the first reason is kept. */
    synchronized void abandon(String reason) {
        if (abandoned == null) {
            abandoned = reason;
        }
        notifyAll();
    }

    /** Why the reading was abandoned, if it was. */
    synchronized Optional<String> abandonedBecause() {
        return Optional.ofNullable(abandoned);
    }

    /** The sha256 of the whole file, once the reader has read it to the end and nothing was abandoned. */
    synchronized Optional<String> sha256() {
        if (hex == null && drained && abandoned == null) {
            hex = Hashing.hex(sha256.digest());
        }
        return abandoned == null ? Optional.ofNullable(hex) : Optional.empty();
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

    /** Waits until a byte at {@code position} was written or the file is complete; returns the bytes written. */
    private synchronized long awaitUpTo(long position) throws IOException {
        try {
            while (abandoned == null && position >= written && !complete) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for " + part + " to grow");
        }
        if (abandoned != null) {
            throw new Abandoned(abandoned);
        }
        return written;
    }

    /** {@link #reader()} read {@code n} more bytes, {@code b[off..]}: hashes them, unless the reading was abandoned. */
    private synchronized void consumed(byte[] b, int off, int n) throws Abandoned {
        if (abandoned != null) {
            throw new Abandoned(abandoned);
        }
        sha256.update(b, off, n);
        consumed += n;
    }

    /** Where {@link #reader()} is, and the end of the file when it has read all of it: -1 then. */
    private synchronized long readerAt() throws IOException {
        long have = awaitUpTo(consumed);
        if (consumed >= have) {
            drained = true;
            return -1;
        }
        return consumed;
    }

    /** A stream over a range of the file, read with positional reads as the bytes arrive. */
    private abstract class FileRange extends InputStream {
        private FileChannel channel;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        /** Reads at most {@code len} bytes at {@code position}, which were written already. */
        int readAt(long position, byte[] b, int off, int len) throws IOException {
            // Closed too when a thread reading it was interrupted (a decoder stopped): open it again.
            if (channel == null || !channel.isOpen()) {
                channel = FileChannel.open(part, StandardOpenOption.READ);
            }
            int n = channel.read(ByteBuffer.wrap(b, off, len), position);
            if (n <= 0) {
                throw new IOException(part + " is shorter than the bytes written to it");
            }
            return n;
        }

        /** Lets go of the file; a later read opens it again. */
        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }
    }

    private final class Slice extends FileRange {
        private long position;
        private final long end;

        Slice(long offset, long length) {
            this.position = offset;
            this.end = offset + length;
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
            int n = readAt(position, b, off, (int) Math.min(len, Math.min(end, have) - position));
            position += n;
            return n;
        }
    }

    private final class Reader extends FileRange implements Arriving {
        @Override
        public InputStream slice(long offset, long length) {
            return GrowingPart.this.slice(offset, length);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            long at = readerAt();
            if (at < 0) {
                return -1;
            }
            long available = awaitUpTo(at) - at;
            int n = readAt(at, b, off, (int) Math.min(len, available));
            consumed(b, off, n);
            return n;
        }
    }
}
