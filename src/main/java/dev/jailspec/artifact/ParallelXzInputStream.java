package dev.jailspec.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.SeekableFileInputStream;
import org.tukaani.xz.SeekableXZInputStream;

/**
 * The decompressed bytes of a multi-block {@code .xz} file, decoded by several threads at once
 * and handed out in order. {@code xz -T2} and later write independent blocks (24 MiB of
 * uncompressed data each at the default level) and an index saying where each one is; each
 * worker here decodes whole blocks into buffers with its own decoder, and the reader takes the
 * buffers in block order.
 *
 * <p>Nothing is checked less than by the streaming decoder: the index, the stream header and
 * footer are checked when the file is opened, and each block's integrity check (CRC64, CRC32
 * or SHA-256) and its sizes against the index when its last byte is decoded. A failure is
 * reported when the reader reaches that block, so what comes before it is read as usual.
 *
 * <p>Memory is bounded: at most {@code window} blocks are decoded and not yet read (a worker
 * waits for a permit before it starts a block), and each decoder keeps to the memory limit.
 * {@link #open} declines (returns null) for a single-block file, a block larger than
 * {@link #MAX_BLOCK_BUFFER}, or when the buffers would not fit the budget; the caller then
 * streams as usual.
 */
final class ParallelXzInputStream extends DecodedBlocksInputStream {
    /** A block larger than this is not buffered: the file is streamed instead. */
    static final long MAX_BLOCK_BUFFER = 64L * 1024 * 1024;
    /** At most this many bytes of decoded blocks wait to be read (also at most a quarter of the heap). */
    static final long BUFFER_BUDGET = 256L * 1024 * 1024;
    private static final int CHUNK = 1 << 20;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private record Block(byte[] buffer, int size) {
    }

    private final Path file;
    private final int memoryLimitKib;
    private final int blockCount;
    private final int blockBuffer;
    private final long[] blockSizes;
    private final Semaphore permits;
    private final AtomicInteger nextToDecode = new AtomicInteger();
    private final AtomicReferenceArray<CompletableFuture<Block>> results;
    private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();
    private final List<Thread> workers = new ArrayList<>();

    private int nextToRead;
    private IOException failure;

    /**
     * A parallel reader of {@code file}, or null when it is not worth it or not possible (not
     * xz, one block, blocks too large, an index that does not parse: the streaming decoder then
     * reports the problem in its own words).
     */
    static ParallelXzInputStream open(Path file, long memoryLimitBytes, int threads) {
        if (threads < 2 || !startsWithXzMagic(file)) {
            return null;
        }
        int limitKib = ArchiveStreams.kib(memoryLimitBytes);
        SeekableXZInputStream index;
        try {
            index = new SeekableXZInputStream(new SeekableFileInputStream(file.toFile()), limitKib);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        try {
            int blocks = index.getBlockCount();
            long largest = index.getLargestBlockSize();
            long budget = Math.min(BUFFER_BUDGET, Runtime.getRuntime().maxMemory() / 4);
            long window = largest <= 0 ? 0 : Math.min(threads + 1L, budget / largest);
            if (blocks < 2 || largest > MAX_BLOCK_BUFFER || window < 2) {
                return null;
            }
            long[] sizes = new long[blocks];
            for (int i = 0; i < blocks; i++) {
                sizes[i] = index.getBlockSize(i);
                if (sizes[i] <= 0) {
                    return null; // an empty block's check would go unread; let the stream decoder have it
                }
            }
            return new ParallelXzInputStream(file, limitKib, sizes, (int) largest, (int) window,
                    Math.min(threads, blocks));
        } finally {
            try {
                index.close();
            } catch (IOException ignored) {
                // only the index was read
            }
        }
    }

    private static boolean startsWithXzMagic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ArchiveStreams.startsWith(in.readNBytes(ArchiveStreams.XZ_MAGIC.length), ArchiveStreams.XZ_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    private ParallelXzInputStream(Path file, int memoryLimitKib, long[] blockSizes, int blockBuffer, int window,
                                  int threads) {
        this.file = file;
        this.memoryLimitKib = memoryLimitKib;
        this.blockSizes = blockSizes;
        this.blockCount = blockSizes.length;
        this.blockBuffer = blockBuffer;
        this.permits = new Semaphore(window);
        this.results = new AtomicReferenceArray<>(blockCount);
        for (int i = 0; i < blockCount; i++) {
            results.set(i, new CompletableFuture<>());
        }
        int pool = POOLS.incrementAndGet();
        for (int w = 0; w < threads; w++) {
            Thread t = new Thread(this::work, "jailspec-xz-" + pool + "-" + w);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
    }

    int workerCount() {
        return workers.size();
    }

    int blockCount() {
        return blockCount;
    }

    /** Workers still running (for tests: none after {@link #close()}). */
    long workersAlive() {
        return workers.stream().filter(Thread::isAlive).count();
    }

    // -------------------------------------------------------------------------------------
    // Workers: take a permit, claim the next block, decode it whole with this thread's decoder.

    private void work() {
        SeekableXZInputStream xz = null;
        BasicArrayCache cache = new BasicArrayCache();
        try {
            while (!closed) {
                permits.acquire();
                int i = nextToDecode.getAndIncrement();
                if (i >= blockCount || closed) {
                    permits.release();
                    return;
                }
                try {
                    if (xz == null) {
                        xz = new SeekableXZInputStream(new SeekableFileInputStream(file.toFile()), memoryLimitKib,
                                true, cache);
                    }
                    results.get(i).complete(decode(xz, i));
                } catch (IOException | RuntimeException | Error e) {
                    results.get(i).completeExceptionally(e);
                    return; // the reader stops at block i; later blocks are not needed
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (xz != null) {
                try {
                    xz.close();
                } catch (IOException ignored) {
                    // read-only
                }
            }
        }
    }

    private Block decode(SeekableXZInputStream xz, int block) throws IOException {
        int size = (int) blockSizes[block];
        byte[] buf = spare.poll();
        if (buf == null) {
            buf = new byte[blockBuffer];
        }
        xz.seekToBlock(block);
        int done = 0;
        while (done < size) {
            if (closed) {
                throw new InterruptedIOException("closed");
            }
            // Reading exactly the block's size ends at its last byte: the decoder then checks
            // that the block ends there and verifies its integrity check.
            int n = xz.read(buf, done, Math.min(CHUNK, size - done));
            if (n < 0) {
                throw new java.io.EOFException("xz block " + block + " ends after " + done + " of " + size + " bytes");
            }
            done += n;
        }
        return new Block(buf, size);
    }

    // -------------------------------------------------------------------------------------
    // The reader: blocks in order.

    @Override
    protected boolean nextBlock() throws IOException {
        if (failure != null) {
            throw failure;
        }
        byte[] done = currentBlock();
        if (done != null) {
            spare.offer(done);
            dropCurrent();
            permits.release();
        }
        if (nextToRead >= blockCount) {
            return false;
        }
        Block next;
        try {
            next = results.get(nextToRead).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for xz block " + nextToRead);
        } catch (ExecutionException e) {
            failure = asIOException(e.getCause());
            throw failure;
        }
        results.set(nextToRead, null);
        nextToRead++;
        current(next.buffer(), next.size());
        return true;
    }

    /** Stops the workers (each finishes at most its current 1 MiB chunk) and lets go of the buffers. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dropCurrent();
        spare.clear();
        for (Thread t : workers) {
            t.interrupt();
        }
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
