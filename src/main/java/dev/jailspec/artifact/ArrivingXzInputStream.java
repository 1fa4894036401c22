package dev.jailspec.artifact;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tukaani.xz.SingleXZInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The decompressed bytes of an {@code .xz} file that is still downloading, its blocks decoded by
 * several threads as their bytes arrive ({@link ParallelXzInputStream} does the same for a
 * finished file, from its index; a file still arriving has no index yet). A splitter thread reads
 * the file in order (through the stream that hashes it) and parses each block header, which
 * {@code xz -T} and later write with the block's compressed and uncompressed sizes; each block is
 * then decoded by a worker from its own slice of the file, waiting for the bytes as they come,
 * wrapped as a one-block xz stream (the file's stream header, the block, an index and a footer
 * made for it) so that XZ for Java checks the block's integrity check and sizes as usual. At the
 * end the file's own index and footer are checked against the blocks seen. The layout is The .xz
 * File Format 1.0.0 (tukaani-project/xz {@code doc/xz-file-format.txt} @1496ff43: stream header and
 * footer 2.1.1-2.1.2, block header 3.1, block padding and check 3.3-3.4, index 4); the tests
 * decode files the xz CLI wrote with {@code -T2}.
 *
 * <p>A file whose first block header lacks the sizes (one block, as a single-threaded xz writes
 * it) is decoded by one thread, streaming. A later block without them ends the read with
 * {@link InFlightDeclined}, and the image is then inspected from the finished file. Memory is
 * bounded as in {@link ParallelXzInputStream}: decoded blocks not yet read stay within the budget.
 */
final class ArrivingXzInputStream extends DecodedBlocksInputStream {
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** One block's place in the file and its sizes, from its header. */
    private record Block(int number, byte[] streamHeader, byte[] header, long bodyOffset, long bodyLength,
                         long compressed, long uncompressed, int checkSize) {
        long unpadded() {
            return header.length + compressed + checkSize;
        }
    }

    private record Decoded(byte[] bytes, int permits) {
    }

    private final InputStream in;
    private final GrowingPart.Arriving file;
    private final int memoryLimitKib;
    private final Semaphore budgetKib;
    private final int budget;
    private final ExecutorService workers;
    private final Thread splitter;
    private final LinkedBlockingQueue<CompletableFuture<Decoded>> decoded = new LinkedBlockingQueue<>();
    private final CompletableFuture<Decoded> end = CompletableFuture.completedFuture(null);
    private long position;

    private Decoded current;
    private boolean atEnd;
    private IOException failure;

    /**
     * The decompressed stream of {@code in} (the arriving file from its first byte, positioned there);
     * parallel when the first block header has its sizes, else XZ for Java's streaming decoder.
     */
    static InputStream open(InputStream in, GrowingPart.Arriving file, long memoryLimitBytes, int threads)
            throws IOException {
        int limitKib = ArchiveStreams.kib(memoryLimitBytes);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] streamHeader = XzFormat.readFully(in, 12, seen);
        int first = in.read();
        if (first > 0) {
            seen.write(first);
            byte[] header = XzFormat.blockHeader(first, in, seen);
            int flags = header[1] & 0xff;
            if (threads >= 2 && (flags & 0xC0) == 0xC0) {
                return new ArrivingXzInputStream(in, file, limitKib, threads, streamHeader, header);
            }
        } else if (first == 0) {
            seen.write(first);
        }
        // One block without sizes (or none): stream it, the bytes read so far first, on a thread of
        // its own a few chunks ahead of the tar reader. Closing it leaves `in` open for the drain.
        InputStream rest = new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the download's reader goes on after the decoder stops
            }
        };
        InputStream compressed = new SequenceInputStream(new ByteArrayInputStream(seen.toByteArray()), rest);
        if (threads < 2) {
            return new XZInputStream(compressed, limitKib);
        }
        // The check is computed on the reader's thread, not the decoder's (CheckedAfterDecoding).
        CheckedAfterDecoding.Tail tail = new CheckedAfterDecoding.Tail(compressed);
        return new CheckedAfterDecoding(new ReadAheadInputStream(new XZInputStream(tail, limitKib, false)), tail,
                streamHeader[7] & 0x0f);
    }

    private ArrivingXzInputStream(InputStream in, GrowingPart.Arriving file, int memoryLimitKib, int threads,
                                  byte[] streamHeader, byte[] firstHeader) throws IOException {
        this.in = in;
        this.file = file;
        this.memoryLimitKib = memoryLimitKib;
        this.budget = (int) (Math.min(ParallelXzInputStream.BUFFER_BUDGET, Runtime.getRuntime().maxMemory() / 4) / 1024);
        this.budgetKib = new Semaphore(budget);
        this.position = 12 + firstHeader.length;
        int checkSize = XzFormat.checkSize(streamHeader);
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jailspec-xz-arriving-" + pool + "-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        this.splitter = new Thread(() -> split(streamHeader, firstHeader, checkSize), "jailspec-xz-split-" + pool);
        this.splitter.setDaemon(true);
        this.splitter.start();
    }

    // -------------------------------------------------------------------------------------
    // The splitter: block headers in order, each block handed to a worker, then index and footer.

    private void split(byte[] streamHeader, byte[] firstHeader, int checkSize) {
        try {
            List<Block> blocks = new ArrayList<>();
            byte[] header = firstHeader;
            while (true) {
                Block b = block(blocks.size(), streamHeader, header, checkSize);
                blocks.add(b);
                submit(b);
                skipFully(b.bodyLength());
                int next = in.read();
                position++;
                if (next < 0) {
                    throw new EOFException("the xz stream ends after block " + b.number() + " without an index");
                }
                if (next == 0) {
                    break;
                }
                header = XzFormat.blockHeader(next, in, null);
                position += header.length - 1;
            }
            checkIndexAndFooter(blocks, streamHeader);
            if (in.read() >= 0) {
                // Stream padding or a second stream: rare in images; the file's own decoder handles them.
                throw new InFlightDeclined("data after the first xz stream");
            }
            decoded.add(end);
        } catch (IOException | RuntimeException e) {
            decoded.add(CompletableFuture.failedFuture(e));
        } catch (InterruptedException e) {
            decoded.add(CompletableFuture.failedFuture(new InterruptedIOException("closed")));
        }
    }

    private Block block(int number, byte[] streamHeader, byte[] header, int checkSize) throws IOException {
        int flags = header[1] & 0xff;
        if ((flags & 0xC0) != 0xC0) {
            throw new InFlightDeclined("xz block " + number + " does not state its sizes in its header");
        }
        long[] sizes = new long[2];
        int at = 2;
        for (int i = 0; i < 2; i++) {
            long v = 0;
            int shift = 0;
            int b;
            do {
                if (at >= header.length - 4 || shift > 56) {
                    throw new IOException("xz block " + number + " has a malformed header");
                }
                b = header[at++] & 0xff;
                v |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            sizes[i] = v;
        }
        if (sizes[0] <= 0 || sizes[1] <= 0) {
            throw new IOException("xz block " + number + " states a size of 0");
        }
        if (sizes[1] > ParallelXzInputStream.MAX_BLOCK_BUFFER || sizes[1] / 1024 + 1 > budget) {
            throw new InFlightDeclined("xz block " + number + " is too large to buffer (" + sizes[1] + " bytes)");
        }
        long body = sizes[0] + ((4 - (sizes[0] & 3)) & 3) + checkSize;
        return new Block(number, streamHeader, header, position, body, sizes[0], sizes[1], checkSize);
    }

    private void submit(Block b) throws InterruptedException {
        int permits = (int) (b.uncompressed() / 1024 + 1);
        budgetKib.acquire(permits);
        CompletableFuture<Decoded> result = new CompletableFuture<>();
        decoded.add(result);
        workers.execute(() -> {
            try {
                result.complete(new Decoded(decode(b), permits));
            } catch (IOException | RuntimeException | Error e) {
                budgetKib.release(permits);
                result.completeExceptionally(e);
            }
        });
    }

    /** Decodes one block as a one-block xz stream read from its slice of the file. */
    private byte[] decode(Block b) throws IOException {
        InputStream stream = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(XzFormat.concat(b.streamHeader(), b.header())),
                file.slice(b.bodyOffset(), b.bodyLength()),
                new ByteArrayInputStream(XzFormat.indexAndFooter(b.streamHeader(), b.unpadded(), b.uncompressed())))));
        try (InputStream xz = new SingleXZInputStream(stream, memoryLimitKib)) {
            byte[] out = new byte[(int) b.uncompressed()];
            int done = 0;
            while (done < out.length) {
                if (closed) {
                    throw new InterruptedIOException("closed");
                }
                int n = xz.read(out, done, Math.min(1 << 20, out.length - done));
                if (n < 0) {
                    throw new EOFException("xz block " + b.number() + " ends after " + done + " of " + out.length + " bytes");
                }
                done += n;
            }
            if (xz.read() >= 0) {
                throw new IOException("xz block " + b.number() + " holds more than its header's " + out.length + " bytes");
            }
            return out;
        }
    }

    /** The file's index (its indicator already read) and stream footer, against the blocks seen. */
    private void checkIndexAndFooter(List<Block> blocks, byte[] streamHeader) throws IOException {
        ByteArrayOutputStream index = new ByteArrayOutputStream();
        index.write(0);
        long count = readVarint(index);
        if (count != blocks.size()) {
            throw new IOException("the xz index lists " + count + " blocks, the file holds " + blocks.size());
        }
        for (Block b : blocks) {
            long unpadded = readVarint(index);
            long uncompressed = readVarint(index);
            if (unpadded != b.unpadded() || uncompressed != b.uncompressed()) {
                throw new IOException("the xz index does not match block " + b.number() + "'s header");
            }
        }
        while (index.size() % 4 != 0) {
            int p = readByte(index);
            if (p != 0) {
                throw new IOException("the xz index padding is not zero");
            }
        }
        byte[] body = index.toByteArray();
        byte[] crc = XzFormat.readFully(in, 4, null);
        if (!Arrays.equals(crc, XzFormat.le32(XzFormat.crc32(body, 0, body.length)))) {
            throw new IOException("the xz index's CRC32 does not match");
        }
        byte[] footer = XzFormat.readFully(in, 12, null);
        position += 16;
        if (!Arrays.equals(Arrays.copyOfRange(footer, 0, 4), XzFormat.le32(XzFormat.crc32(footer, 4, 6)))
                || !Arrays.equals(Arrays.copyOfRange(footer, 4, 8), XzFormat.le32((body.length + 4) / 4 - 1))
                || footer[8] != streamHeader[6] || footer[9] != streamHeader[7]
                || footer[10] != 'Y' || footer[11] != 'Z') {
            throw new IOException("the xz stream footer does not match its header and index");
        }
    }

    private long readVarint(ByteArrayOutputStream copy) throws IOException {
        long v = 0;
        int shift = 0;
        int b;
        do {
            if (shift > 56) {
                throw new IOException("malformed number in the xz index");
            }
            b = readByte(copy);
            v |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return v;
    }

    private int readByte(ByteArrayOutputStream copy) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the xz index is cut");
        }
        position++;
        copy.write(b);
        return b;
    }

    private void skipFully(long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new EOFException("the xz file ends inside a block");
            }
            left -= r;
        }
        position += n;
    }

    // -------------------------------------------------------------------------------------
    // The reader: decoded blocks in order.

    @Override
    protected boolean nextBlock() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (current != null) {
            budgetKib.release(current.permits());
            current = null;
            dropCurrent();
        }
        if (atEnd) {
            return false;
        }
        try {
            CompletableFuture<Decoded> next = decoded.take();
            if (next == end) {
                atEnd = true;
                splitter.join();
                return false;
            }
            current = next.get();
            current(current.bytes(), current.bytes().length);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an xz block");
        } catch (ExecutionException e) {
            failure = asIOException(e.getCause());
            throw failure;
        }
    }

    /** Stops the splitter and the workers and waits for them, so the file's stream is free again. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        current = null;
        dropCurrent();
        splitter.interrupt();
        workers.shutdownNow();
        try {
            splitter.join(TimeUnit.SECONDS.toMillis(5));
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // -------------------------------------------------------------------------------------
}
