package dev.jailspec.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A streaming tar reader that fails where libarchive's tar reader fails and with its words
 * ({@code archive_read_support_format_tar.c}, {@code archive_read.c}): ustar headers, pax
 * extended headers ({@code x}, {@code g}) and GNU long names ({@code L}, {@code K}). Commons
 * Compress's reader treats a cut header as the end of the archive, which bsdtar does not, so
 * the simulator reads headers itself. Nothing is buffered beyond one 512-byte record.
 */
final class TarReader {
    static final int RECORD = 512;

    /** What libarchive reports, in its words. */
    static final class Failure extends IOException {
        Failure(String message) {
            super(message);
        }
    }

    /**
     * One member, its names already taken from pax/GNU headers. Types are tar's typeflags;
     * {@code uname}/{@code gname} are the owner names ("" when the header has none).
     */
    record Entry(String name, char type, int mode, long uid, long gid, long size, long mtime, String link,
                 String uname, String gname) {
    }

    private final InputStream in;
    private long remaining;
    private long padding;
    private final Map<String, String> global = new HashMap<>();

    TarReader(InputStream decompressed) {
        this.in = decompressed;
    }

    /** True when {@code head} (the first record) is a tar header libarchive would bid on. */
    static boolean looksLikeTar(byte[] head) {
        if (head.length < RECORD) {
            return false;
        }
        if (isZero(head)) {
            return true;
        }
        return checksumOk(head);
    }

    /** The next member, or null at the end; the rest of the previous member is skipped first. */
    Entry next() throws IOException {
        skipRest();
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        String longLink = null;
        while (true) {
            byte[] h = new byte[RECORD];
            int n = in.readNBytes(h, 0, RECORD);
            if (n == 0) {
                return null; // EOF at a record boundary: some writers omit the end-of-archive blocks
            }
            if (n < RECORD) {
                throw new Failure("Truncated tar archive");
            }
            if (isZero(h)) {
                return null;
            }
            if (!checksumOk(h)) {
                // libarchive says "Damaged tar archive" and searches for the next header, retrying.
                throw new SimUnsupportedException("tar: a damaged tar header (libarchive's header search is not modelled)");
            }
            char type = (char) h[156];
            long size = octal(h, 124, 12);
            switch (type) {
                case 'x' -> pax.putAll(paxRecords(readBlock(size)));
                case 'g' -> global.putAll(paxRecords(readBlock(size)));
                case 'L' -> longName = cString(readBlock(size));
                case 'K' -> longLink = cString(readBlock(size));
                default -> {
                    Map<String, String> attrs = new HashMap<>(global);
                    attrs.putAll(pax);
                    String name = attrs.getOrDefault("path", longName != null ? longName : ustarName(h));
                    String link = attrs.getOrDefault("linkpath", longLink != null ? longLink : field(h, 157, 100));
                    if (attrs.containsKey("size")) {
                        size = Long.parseLong(attrs.get("size"));
                    }
                    long uid = attrs.containsKey("uid") ? Long.parseLong(attrs.get("uid")) : octal(h, 108, 8);
                    long gid = attrs.containsKey("gid") ? Long.parseLong(attrs.get("gid")) : octal(h, 116, 8);
                    long mtime = attrs.containsKey("mtime") ? (long) Double.parseDouble(attrs.get("mtime")) : octal(h, 136, 12);
                    int mode = (int) (octal(h, 100, 8) & 07777);
                    if (type == '1' && size > 0) {
                        // A pax hard link may carry data; bsdtar never writes one for a release tarball.
                        throw new SimUnsupportedException("tar: a hard link member with data");
                    }
                    if (type == '2' || type == '3' || type == '4' || type == '5' || type == '6') {
                        size = 0; // symlinks, devices, directories and fifos have no data
                    }
                    remaining = size;
                    padding = (RECORD - size % RECORD) % RECORD;
                    // header_ustar()/header_gnutar() of archive_read_support_format_tar.c read uname
                    // (offset 265) and gname (297), 32 bytes each; a pax "uname"/"gname" overrides them.
                    boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
                    String uname = attrs.getOrDefault("uname", ustar ? field(h, 265, 32) : "");
                    String gname = attrs.getOrDefault("gname", ustar ? field(h, 297, 32) : "");
                    return new Entry(name, type, mode, uid, gid, size, mtime, link, uname, gname);
                }
            }
        }
    }

    /** The current member's data; a cut stream fails as libarchive's read_data does. */
    int read(byte[] buf, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(buf, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new Failure("Truncated tar archive detected while reading data");
        }
        remaining -= n;
        return n;
    }

    /** Skips what is left of the current member and its padding (archive_read_data_skip). */
    void skipRest() throws IOException {
        long request = remaining + padding;
        if (request == 0) {
            return;
        }
        long skipped = skip(request);
        remaining = 0;
        padding = 0;
        if (skipped < request) {
            throw new Failure("Truncated input file (needed " + request + " bytes, only " + skipped + " available)");
        }
    }

    /** After the data was read in full: the padding to the next record. */
    void finishData() throws IOException {
        if (remaining > 0) {
            return;
        }
        long request = padding;
        long skipped = skip(request);
        padding = 0;
        if (skipped < request) {
            throw new Failure("Truncated input file (needed " + request + " bytes, only " + skipped + " available)");
        }
    }

    private byte[] readBlock(long size) throws IOException {
        if (size > 16L << 20) {
            throw new SimUnsupportedException("tar: an extended header of " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        long pad = (RECORD - size % RECORD) % RECORD;
        if (data.length < size || in.readNBytes((int) pad).length < pad) {
            throw new Failure("Truncated tar archive");
        }
        return data;
    }

    private static Map<String, String> paxRecords(byte[] data) throws Failure {
        Map<String, String> out = new HashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = indexOf(data, (byte) ' ', pos);
            if (space < 0) {
                throw new Failure("Invalid extended attribute");
            }
            int len = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            String record = new String(data, space + 1, len - (space + 1 - pos) - 1, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            out.put(record.substring(0, eq), record.substring(eq + 1));
            pos += len;
        }
        return out;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String ustarName(byte[] h) {
        String name = field(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        String prefix = ustar ? field(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static String cString(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    static long octal(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) { // base-256
            long v = h[off] & 0x7f;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        for (int i = off; i < off + len; i++) {
            byte c = h[i];
            if (c == 0 || c == ' ') {
                if (v != 0 || i > off && h[i - 1] >= '0') {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                break;
            }
            v = v * 8 + (c - '0');
        }
        return v;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean checksumOk(byte[] h) {
        long stored = octal(h, 148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < RECORD; i++) {
            byte b = i >= 148 && i < 156 ? (byte) ' ' : h[i];
            unsigned += b & 0xff;
            signed += b;
        }
        return stored == unsigned || stored == signed;
    }

    /** Reads and drops up to {@code n} bytes; returns how many there were. */
    private long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}
