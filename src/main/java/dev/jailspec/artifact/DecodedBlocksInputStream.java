package dev.jailspec.artifact;

import java.io.IOException;
import java.io.InputStream;

/**
 * The reading half that {@link ParallelXzInputStream} and {@link ArrivingXzInputStream} share:
 * whole decoded xz blocks handed out in order, one current block at a time. A subclass says how
 * the next block is had ({@link #nextBlock}) and what closing stops.
 */
abstract class DecodedBlocksInputStream extends InputStream {
    private byte[] block;
    private int size;
    private int pos;
    /** Set by {@link #close()} in a subclass; reads then fail. */
    protected volatile boolean closed;

    /**
     * Lets go of the current block (it was read) and makes the next one current with
     * {@link #current}; false at the end of the stream.
     */
    protected abstract boolean nextBlock() throws IOException;

    /** Makes {@code bytes[0, length)} the block read next. */
    protected final void current(byte[] bytes, int length) {
        this.block = bytes;
        this.size = length;
        this.pos = 0;
    }

    /** The block being read, for a subclass to take back when it is done (null before the first). */
    protected final byte[] currentBlock() {
        return block;
    }

    /** Forgets the current block (at close). */
    protected final void dropCurrent() {
        block = null;
        size = 0;
        pos = 0;
    }

    /** A worker's failure as the reader reports it: an I/O error wrapped so the stack shows the reader. */
    static IOException asIOException(Throwable t) {
        if (t instanceof IOException io) {
            // translate() looks through causes.
            return new IOException(io.getMessage(), io);
        }
        if (t instanceof java.io.UncheckedIOException u) {
            return new IOException(u.getMessage(), u.getCause());
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new IOException(t);
    }

    private boolean ensureData() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        while (block == null || pos == size) {
            if (!nextBlock()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!ensureData()) {
            return -1;
        }
        return block[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!ensureData()) {
            return -1;
        }
        int n = Math.min(len, size - pos);
        System.arraycopy(block, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && ensureData()) {
            int step = (int) Math.min(n - skipped, size - pos);
            pos += step;
            skipped += step;
        }
        return skipped;
    }

    @Override
    public int available() {
        return closed || block == null ? 0 : size - pos;
    }
}
