package dev.jailspec.sim;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.tukaani.xz.CorruptedInputException;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZInputStream;

/**
 * libarchive's read filters as bsdtar uses them: the compression is told by magic bytes (never
 * by the name), and decoder failures come out in libarchive's words
 * ({@code archive_read_support_filter_xz.c set_error()}, {@code archive_read_support_filter_gzip.c}).
 */
final class ArchiveFilters {
    private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] GZIP = {0x1F, (byte) 0x8B};
    private static final byte[] BZIP2 = {'B', 'Z', 'h'};
    private static final byte[] ZSTD = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
    private static final byte[] COMPRESS = {0x1F, (byte) 0x9D};

    private ArchiveFilters() {
    }

    /** The decompressed stream of {@code raw}; decoder errors become {@link TarReader.Failure}s. */
    static InputStream open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(16);
        byte[] head = in.readNBytes(6);
        in.reset();
        if (startsWith(head, XZ)) {
            return new Translating(in, true);
        }
        if (startsWith(head, GZIP)) {
            return new Translating(in, false);
        }
        if (startsWith(head, BZIP2) || startsWith(head, ZSTD) || startsWith(head, COMPRESS)) {
            throw new SimUnsupportedException("tar: bzip2/zstd/compress archives (the simulator reads xz, gzip and plain tar)");
        }
        return in;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Opens the decoder lazily (as libarchive does on first read) and translates its failures. */
    private static final class Translating extends FilterInputStream {
        private final boolean xz;
        private InputStream decoder;
        private final byte[] block = new byte[64 * 1024];
        private int pos;
        private int limit;

        Translating(InputStream compressed, boolean xz) {
            super(compressed);
            this.xz = xz;
        }

        private InputStream decoder() throws IOException {
            if (decoder == null) {
                try {
                    decoder = xz ? new XZInputStream(in) : new GZIPInputStream(in, 64 * 1024);
                } catch (IOException e) {
                    throw translate(e);
                }
            }
            return decoder;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos == limit && !fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(block, pos, b, off, n);
            pos += n;
            return n;
        }

        /**
         * One output block as xz_filter_read() and gzip_filter_read() make it: the decoder fills
         * 64 KiB (out_block_size) before the tar reader sees any of it, and a decoder error
         * returns ARCHIVE_FATAL, so the partly filled block is never delivered
         * (libarchive/archive_read_support_filter_xz.c and _gzip.c@v3.6.2 and @v3.7.9).
         */
        private boolean fill() throws IOException {
            pos = 0;
            limit = 0;
            try {
                InputStream d = decoder();
                while (limit < block.length) {
                    int n = d.read(block, limit, block.length - limit);
                    if (n < 0) {
                        break;
                    }
                    limit += n;
                }
            } catch (TarReader.Failure e) {
                limit = 0;
                throw e;
            } catch (IOException e) {
                limit = 0;
                throw translate(e);
            }
            return limit > 0;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private IOException translate(IOException e) {
            if (xz) {
                if (e instanceof EOFException) {
                    // liblzma returns LZMA_BUF_ERROR when the input ends inside the stream.
                    return new TarReader.Failure("Lzma library error:  No progress is possible");
                }
                if (e instanceof CorruptedInputException) {
                    return new TarReader.Failure("Lzma library error: Corrupted input data");
                }
                if (e instanceof UnsupportedOptionsException) {
                    return new TarReader.Failure("Lzma library error: Invalid options");
                }
                return new TarReader.Failure("Lzma decompression failed:  Unknown error");
            }
            if (e instanceof EOFException) {
                return new TarReader.Failure("truncated gzip input");
            }
            if (e instanceof ZipException) {
                return new TarReader.Failure("gzip decompression failed");
            }
            return e;
        }
    }
}
