package dev.jailspec.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.tukaani.xz.CorruptedInputException;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.check.Check;

/**
 * The integrity check of an arriving one-block xz stream, computed on the reader's thread rather
 * than on the one decoder's (issue 15): in XZ for Java the check costs the decoding thread about 6%
 * of its time (a JFR recording, README "Speed"), and that thread alone is what keeps the in-flight
 * read of a single-block image behind a 20 MB/s download. So the decoder runs with
 * {@code verifyCheck=false}, and this stream feeds what it hands out to the same {@link Check} of
 * XZ for Java (org.tukaani.xz.check, the stream header's check type). At the end it compares the
 * result with the check field the stream stored, read from the compressed bytes' tail
 * ({@link Tail}): in the .xz file format (tukaani.org xz-file-format 1.2.0, sections 2.1.2, 3.3
 * and 4) a block's check field ends where the index begins, and the index is the (Backward Size + 1)
 * x 4 bytes before the 12-byte stream footer. A mismatch fails with XZ for Java's own words.
 *
 * <p>Only one stream of one block is checked so: when the tail's index names another number of
 * records, or another size than was decoded (a file of several streams), the read is
 * {@link InFlightDeclined} and the finished file is read again with the decoder's own check.
 */
final class CheckedAfterDecoding extends FilterInputStream {
    private final Check check;
    private final Tail tail;
    private long decoded;
    private boolean verified;

    CheckedAfterDecoding(InputStream decoded, Tail tail, int checkType) throws UnsupportedOptionsException {
        super(decoded);
        this.check = Check.getInstance(checkType);
        this.tail = tail;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
            verifyAtEnd();
        } else {
            check.update(b, off, n);
            decoded += n;
        }
        return n;
    }

    /** Read through, not skipped: every byte counts for the check. */
    @Override
    public long skip(long n) throws IOException {
        return readThrough(this, n);
    }

    /** Skips {@code n} bytes of {@code in} by reading them through its own {@code read}. */
    private static long readThrough(InputStream in, long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    private void verifyAtEnd() throws IOException {
        if (verified) {
            return;
        }
        verified = true;
        byte[] t = tail.bytes();
        int end = t.length;
        while (end >= 4 && t[end - 1] == 0 && t[end - 2] == 0 && t[end - 3] == 0 && t[end - 4] == 0) {
            end -= 4; // stream padding after the footer (2.2)
        }
        if (end < 12 || t[end - 2] != 'Y' || t[end - 1] != 'Z') {
            throw new InFlightDeclined("the xz stream's footer is not within its last " + t.length + " bytes");
        }
        long backward = (t[end - 8] & 0xffL) | (t[end - 7] & 0xffL) << 8 | (t[end - 6] & 0xffL) << 16
                | (t[end - 5] & 0xffL) << 24;
        long indexStart = end - 12 - (backward + 1) * 4;
        int checkSize = check.getSize();
        if (indexStart - checkSize < 0) {
            throw new InFlightDeclined("the xz index is not within the stream's last " + t.length + " bytes");
        }
        int[] at = {(int) indexStart + 1}; // after the index indicator
        long records = varint(t, at);
        varint(t, at); // unpadded size
        long uncompressed = varint(t, at);
        if (records != 1 || uncompressed != decoded) {
            throw new InFlightDeclined("not one xz stream of one block (the last index holds " + records
                    + " record(s) of " + uncompressed + " bytes; " + decoded + " were decoded)");
        }
        byte[] stored = Arrays.copyOfRange(t, (int) indexStart - checkSize, (int) indexStart);
        if (!Arrays.equals(check.finish(), stored)) {
            throw new CorruptedInputException("Integrity check (" + check.getName() + ") does not match");
        }
    }

    private static long varint(byte[] t, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 63 && at[0] < t.length; shift += 7) {
            int b = t[at[0]++] & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new InFlightDeclined("the xz index's sizes do not end within the stream's tail");
    }

    /** The last {@link #KEPT} bytes read of the compressed stream, for the check field and the index. */
    static final class Tail extends FilterInputStream {
        static final int KEPT = 64 * 1024;
        private final byte[] ring = new byte[KEPT];
        private long total;

        Tail(InputStream compressed) {
            super(compressed);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                ring[(int) (total++ % KEPT)] = (byte) b;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                keep(b, off, n);
            }
            return n;
        }

        /** The compressed bytes are read, not skipped: the tail must be the stream's real end. */
        @Override
        public long skip(long n) throws IOException {
            return readThrough(this, n);
        }

        /** Copies in at most two pieces: this runs on the one decoding thread. */
        private void keep(byte[] b, int off, int n) {
            int from = off + Math.max(0, n - KEPT);
            int count = Math.min(n, KEPT);
            total += n - count;
            int pos = (int) (total % KEPT);
            int first = Math.min(count, KEPT - pos);
            System.arraycopy(b, from, ring, pos, first);
            System.arraycopy(b, from + first, ring, 0, count - first);
            total += count;
        }

        /**
         * The bytes read last, oldest first. Asked on the reader's thread after the decoder's end came
         * through {@link ReadAheadInputStream}'s queue, which orders the decoder's writes before it.
         */
        byte[] bytes() {
            int size = (int) Math.min(total, KEPT);
            byte[] out = new byte[size];
            for (int i = 0; i < size; i++) {
                out[i] = ring[(int) ((total - size + i) % KEPT)];
            }
            return out;
        }
    }
}
