package dev.jailspec.artifact;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The pieces of The .xz File Format 1.0.0 that {@link ArrivingXzInputStream} reads and writes
 * itself (tukaani-project/xz {@code doc/xz-file-format.txt} @1496ff43): the stream header (2.1.1),
 * a block header (3.1), an index and stream footer for a stream of one block (4, 2.1.2), the
 * variable-length integers (1.2) and the little-endian CRC32 fields.
 */
final class XzFormat {
    static final byte[] FOOTER_MAGIC = {'Y', 'Z'};

    private XzFormat() {
    }

    /** The index and footer of a stream holding one block of these sizes. */
    static byte[] indexAndFooter(byte[] streamHeader, long unpadded, long uncompressed) {
        ByteArrayOutputStream index = new ByteArrayOutputStream();
        index.write(0);
        varint(index, 1);
        varint(index, unpadded);
        varint(index, uncompressed);
        while (index.size() % 4 != 0) {
            index.write(0);
        }
        byte[] body = index.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(body);
        out.writeBytes(le32(crc32(body, 0, body.length)));
        byte[] tail = new byte[6];
        System.arraycopy(le32((body.length + 4) / 4 - 1), 0, tail, 0, 4);
        tail[4] = streamHeader[6];
        tail[5] = streamHeader[7];
        out.writeBytes(le32(crc32(tail, 0, tail.length)));
        out.writeBytes(tail);
        out.writeBytes(FOOTER_MAGIC);
        return out.toByteArray();
    }

    /** A block header whose first byte (its size / 4 - 1, not 0) was read; CRC32 checked. */
    static byte[] blockHeader(int first, InputStream in, ByteArrayOutputStream seen) throws IOException {
        int size = (first + 1) * 4;
        byte[] header = new byte[size];
        header[0] = (byte) first;
        byte[] rest = readFully(in, size - 1, seen);
        System.arraycopy(rest, 0, header, 1, rest.length);
        if (!Arrays.equals(Arrays.copyOfRange(header, size - 4, size), le32(crc32(header, 0, size - 4)))) {
            throw new IOException("an xz block header's CRC32 does not match: the file is damaged");
        }
        return header;
    }

    /** The size of the stream's integrity check, from its stream header (checked). */
    static int checkSize(byte[] streamHeader) throws IOException {
        if (!ArchiveStreams.startsWith(streamHeader, ArchiveStreams.XZ_MAGIC) || streamHeader[6] != 0
                || !Arrays.equals(Arrays.copyOfRange(streamHeader, 8, 12), le32(crc32(streamHeader, 6, 2)))) {
            throw new IOException("the xz stream header is damaged");
        }
        int check = streamHeader[7] & 0x0f;
        return check == 0 ? 0 : 4 << ((check - 1) / 3);
    }

    static byte[] readFully(InputStream in, int n, ByteArrayOutputStream seen) throws IOException {
        byte[] b = in.readNBytes(n);
        if (seen != null) {
            seen.writeBytes(b);
        }
        if (b.length < n) {
            throw new EOFException("the xz file is cut");
        }
        return b;
    }

    static void varint(ByteArrayOutputStream out, long v) {
        while (v >= 0x80) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    static long crc32(byte[] b, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(b, off, len);
        return crc.getValue();
    }

    static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
