package dev.jailspec.artifact;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.tukaani.xz.CorruptedInputException;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZFormatException;

/**
 * Opens the tar layer of an archive (xz, gzip or plain, told by magic bytes and checked against
 * the name) and turns low-level I/O failures into {@link ArchiveException}s that say what
 * happened and what to do.
 */
final class ArchiveStreams {
    static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    static final byte[] GZIP_MAGIC = {0x1F, (byte) 0x8B};
    private static final int PEEK = 512;

    enum Compression { XZ, GZIP, NONE }

    private ArchiveStreams() {
    }

    /** The compression the name promises, or null when the name does not say. */
    static Compression expectedFromName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".xz") || n.endsWith(".txz")) {
            return Compression.XZ;
        }
        if (n.endsWith(".gz") || n.endsWith(".tgz")) {
            return Compression.GZIP;
        }
        if (n.endsWith(".tar")) {
            return Compression.NONE;
        }
        return null;
    }

    /**
     * Returns the decompressed tar stream. {@code expected} (null: any) is what the caller was
     * told the data is; a mismatch with the magic bytes is a {@link ArchiveException.Problem#WRONG_FORMAT}.
     */
    static InputStream decompress(InputStream raw, String name, Compression expected, long xzMemoryLimit)
            throws IOException {
        return decompress(raw, name, expected, xzMemoryLimit, 1);
    }

    /**
     * The same; a download's arriving bytes ({@link GrowingPart.Arriving}) in xz are decoded by up
     * to {@code xzThreads} threads as they arrive ({@link ArrivingXzInputStream}).
     */
    static InputStream decompress(InputStream raw, String name, Compression expected, long xzMemoryLimit,
                                  int xzThreads) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(PEEK);
        byte[] head = in.readNBytes(PEEK);
        in.reset();
        if (head.length == 0) {
            throw new ArchiveException(name, ArchiveException.Problem.TRUNCATED,
                    name + " is empty (0 bytes): an interrupted download? Delete it and download it again.");
        }
        Compression actual = startsWith(head, XZ_MAGIC) ? Compression.XZ
                : startsWith(head, GZIP_MAGIC) ? Compression.GZIP
                : isTarHeader(head) ? Compression.NONE : null;
        if (expected != null && actual != expected) {
            throw wrongFormat(name, expected, head);
        }
        if (actual == null) {
            throw new ArchiveException(name, ArchiveException.Problem.WRONG_FORMAT,
                    name + " is neither xz, gzip nor tar: it starts with " + describeBytes(head) + ".");
        }
        return switch (actual) {
            case XZ -> raw instanceof GrowingPart.Arriving arriving && xzThreads > 1
                    ? ArrivingXzInputStream.open(in, arriving, xzMemoryLimit, xzThreads)
                    : XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true)
                    .setMemoryLimitKiB(kib(xzMemoryLimit)).get();
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case NONE -> in;
        };
    }

    /**
     * Like {@link #decompress}, for a file: a multi-block xz file is decoded by up to
     * {@code xzThreads} threads (see {@link ParallelXzInputStream}), a single-block one by one
     * thread ahead of the reader ({@link ReadAheadInputStream}) when {@code xzThreads} is above 1,
     * anything else is streamed.
     * The caller closes the stream.
     */
    static InputStream decompressFile(Path file, String name, Compression expected, long xzMemoryLimit,
                                      int xzThreads) throws IOException {
        if (expected == null || expected == Compression.XZ) {
            InputStream parallel = ParallelXzInputStream.open(file, xzMemoryLimit, xzThreads);
            if (parallel != null) {
                return parallel;
            }
        }
        InputStream raw = Files.newInputStream(file);
        try {
            InputStream tar = decompress(raw, name, expected, xzMemoryLimit);
            // One xz block: its one decoder runs ahead of the tar reader, on another core.
            return xzThreads > 1 && tar instanceof XZCompressorInputStream ? new ReadAheadInputStream(tar) : tar;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static ArchiveException wrongFormat(String name, Compression expected, byte[] head) {
        String what = switch (expected) {
            case XZ -> "xz-compressed (expected the magic bytes fd 37 7a 58 5a 00)";
            case GZIP -> "gzip-compressed (expected the magic bytes 1f 8b)";
            case NONE -> "a tar archive (expected \"ustar\" at offset 257)";
        };
        String hint = head.length > 0 && (head[0] == '<' || head[0] == '{')
                ? " It looks like a web page or an error message saved under the archive's name:"
                + " check the URL and the mirror."
                : " Delete it and download it again; if it happens again, check the URL and the mirror.";
        return new ArchiveException(name, ArchiveException.Problem.WRONG_FORMAT,
                name + " is not " + what + ": it starts with " + describeBytes(head) + "." + hint);
    }

    static int kib(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (bytes + 1023) / 1024));
    }

    static boolean startsWith(byte[] head, byte[] magic) {
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

    /** A ustar/GNU/pax header, or an all-zero first record (an empty archive). */
    static boolean isTarHeader(byte[] head) {
        if (head.length >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't'
                && head[260] == 'a' && head[261] == 'r') {
            return true;
        }
        if (head.length < 512) {
            return false;
        }
        for (byte b : head) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code "3c 21 44 4f 43 54 59 50 ("<!DOCTYP")"}: the first 8 bytes in hex and as text. */
    static String describeBytes(byte[] head) {
        int n = Math.min(8, head.length);
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            if (i > 0) {
                hex.append(' ');
            }
            hex.append(String.format("%02x", b));
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return hex + " (\"" + text + "\")";
    }

    /** Turns an I/O failure while reading {@code name} into an {@link ArchiveException}. */
    static ArchiveException translate(IOException e, String name, long xzMemoryLimit) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.commons.compress.MemoryLimitException m) {
                return memory(name, m.getMemoryNeededInKb(), xzMemoryLimit, e);
            }
            if (t instanceof org.tukaani.xz.MemoryLimitException m) {
                return memory(name, m.getMemoryNeeded(), xzMemoryLimit, e);
            }
            if (t instanceof XZFormatException) {
                return new ArchiveException(name, ArchiveException.Problem.WRONG_FORMAT,
                        name + " is not in the xz format (" + t.getMessage() + ").", e);
            }
            if (t instanceof CorruptedInputException) {
                return new ArchiveException(name, ArchiveException.Problem.CORRUPT,
                        name + " is damaged: the xz decoder reports \"" + t.getMessage()
                                + "\". Delete it and download it again; if it happens again, the mirror's copy is bad.",
                        e);
            }
            if (t instanceof UnsupportedOptionsException) {
                return new ArchiveException(name, ArchiveException.Problem.CORRUPT,
                        name + " uses xz options this reader does not support (" + t.getMessage()
                                + "), or its headers are damaged.", e);
            }
            if (t instanceof java.util.zip.ZipException) {
                return new ArchiveException(name, ArchiveException.Problem.CORRUPT,
                        name + " is damaged: the gzip decoder reports \"" + t.getMessage()
                                + "\". Delete it and download it again.", e);
            }
            if (t instanceof EOFException || String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("truncated")) {
                return new ArchiveException(name, ArchiveException.Problem.TRUNCATED,
                        name + " ends early (truncated" + (t.getMessage() == null ? "" : ": " + t.getMessage())
                                + "): an interrupted download? Delete it and download it again.", e);
            }
        }
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("parsing the header") || msg.contains("pax header") || msg.contains("premature end")) {
            return new ArchiveException(name, ArchiveException.Problem.BAD_TAR,
                    name + " holds a damaged tar stream (" + msg
                            + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()) + ").", e);
        }
        return new ArchiveException(name, ArchiveException.Problem.IO,
                "cannot read " + name + ": " + e, e);
    }

    private static ArchiveException memory(String name, long neededKib, long limitBytes, IOException cause) {
        return new ArchiveException(name, ArchiveException.Problem.MEMORY_LIMIT,
                name + ": decompressing needs " + mib(neededKib * 1024) + " of memory (the xz header says so),"
                        + " more than the limit of " + mib(limitBytes) + ". Raise the xz memory limit only for a"
                        + " file you trust: a hostile header can ask for gigabytes.", cause);
    }

    static String mib(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0)).replace(".0 MiB", " MiB");
        }
        return (bytes + 1023) / 1024 + " KiB";
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
