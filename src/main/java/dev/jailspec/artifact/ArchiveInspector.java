package dev.jailspec.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a {@code .tar.xz}, {@code .txz}, {@code .tar.gz} or plain {@code .tar} once, as a
 * stream, into an {@link ArchiveInventory}. Nothing is extracted. The compression is told by
 * magic bytes; a name that promises another one is an error that names the bytes seen.
 *
 * <p>The xz decoder is given a memory limit (default {@value #DEFAULT_XZ_MEMORY_LIMIT} bytes) so a
 * hostile header cannot make it allocate gigabytes.
 *
 * <p>A file with several independent xz blocks (as {@code xz -T2} and later write them) is
 * decoded by up to {@link #xzThreads()} threads, each block with its own decoder (each within
 * the memory limit) and its own integrity check; the tar reader gets the blocks in order. A
 * single-block file, a stream, or {@code xzThreads} 1 is decoded by one thread.
 */
public final class ArchiveInspector {
    public static final long DEFAULT_XZ_MEMORY_LIMIT = 256L * 1024 * 1024;
    public static final int DEFAULT_MAX_LISTED = 20;
    /** Threads for a multi-block xz file: the processors, at most 4. */
    public static final int DEFAULT_XZ_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final long xzMemoryLimit;
    private final int maxListed;
    private final int xzThreads;

    public ArchiveInspector() {
        this(DEFAULT_XZ_MEMORY_LIMIT, DEFAULT_MAX_LISTED);
    }

    public ArchiveInspector(long xzMemoryLimit, int maxListed) {
        this(xzMemoryLimit, maxListed, DEFAULT_XZ_THREADS);
    }

    /**
     * @param xzMemoryLimit bytes the xz decoder may use (its dictionary); at least 1 KiB
     * @param maxListed     how many unsafe entries the inventory lists (all are counted)
     * @param xzThreads     threads decoding the blocks of a multi-block xz file; 1 decodes serially
     */
    public ArchiveInspector(long xzMemoryLimit, int maxListed, int xzThreads) {
        if (xzMemoryLimit < 1024) {
            throw new IllegalArgumentException("xz memory limit must be at least 1024 bytes, got " + xzMemoryLimit);
        }
        if (maxListed < 1) {
            throw new IllegalArgumentException("maxListed must be at least 1, got " + maxListed);
        }
        if (xzThreads < 1) {
            throw new IllegalArgumentException("xzThreads must be at least 1, got " + xzThreads);
        }
        this.xzMemoryLimit = xzMemoryLimit;
        this.maxListed = maxListed;
        this.xzThreads = xzThreads;
    }

    public int xzThreads() {
        return xzThreads;
    }

    public long xzMemoryLimit() {
        return xzMemoryLimit;
    }

    public int maxListed() {
        return maxListed;
    }

    public ArchiveInventory inspect(Path archive) {
        String name = archive.toString();
        try (InputStream tarStream = openFile(archive, name)) {
            return read(tarStream, name);
        } catch (NoSuchFileException e) {
            throw new ArchiveException(name, ArchiveException.Problem.IO, "archive " + name + " does not exist", e);
        } catch (IOException e) {
            throw ArchiveStreams.translate(e, name, xzMemoryLimit);
        }
    }

    /**
     * Reads an archive from {@code in} (not closed). {@code name} is used for messages and to
     * say which compression to expect (".txz", ".tar.xz", ".tar.gz", ".tar"; anything else: any).
     * The bytes of a download as they arrive ({@link Downloader.InFlight}) are decoded as a
     * finished file is: a multi-block xz file by several threads, a single-block one ahead of the reader.
     */
    public ArchiveInventory inspect(InputStream in, String name) {
        return inspect(in, name, null);
    }

    /**
     * Sees every member of the archive in the inventory's pass, positioned at its data (a member whose
     * content the inventory kept, os-release, is not offered): so one pass can also spool an OCI
     * archive's blobs ({@link OciLayoutReader.BlobSpool}).
     */
    interface MemberHook {
        void offer(TarArchiveEntry entry, InputStream data) throws IOException;
    }

    /** {@link #inspect(InputStream, String)}, offering each member to {@code hook} in the same pass. */
    ArchiveInventory inspect(InputStream in, String name, MemberHook hook) {
        InputStream tar = null;
        try {
            tar = ArchiveStreams.decompress(in, name, ArchiveStreams.expectedFromName(name), xzMemoryLimit, xzThreads);
            return read(tar, name, hook);
        } catch (IOException e) {
            throw ArchiveStreams.translate(e, name, xzMemoryLimit);
        } finally {
            // Its threads read `in`: they stop before anyone else reads it (`in` itself stays open).
            if (tar instanceof DecodedBlocksInputStream decoding) {
                try {
                    decoding.close();
                } catch (IOException ignored) {
                    // it only stops its threads; `in` is not closed
                }
            }
        }
    }

    private ArchiveInventory read(InputStream tarStream, String name) {
        return read(tarStream, name, null);
    }

    /** Reads an already decompressed tar layer, offering each member to {@code hook}. */
    ArchiveInventory readTar(InputStream tarStream, String name, MemberHook hook) {
        return read(tarStream, name, hook);
    }

    /** Reads the tar layer (already decompressed) into an inventory. */
    private ArchiveInventory read(InputStream tarStream, String name, MemberHook hook) {
        InventoryCollector collector = new InventoryCollector(maxListed);
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(tarStream, StandardCharsets.UTF_8.name());
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                InventoryCollector.Member m = member(entry);
                byte[] content = collector.wantsContent(m) ? tar.readNBytes((int) m.size()) : null;
                collector.add(m, content);
                if (hook != null && content == null) {
                    hook.offer(entry, tar);
                }
            }
            // Read to the end so the xz index, the CRCs and a cut tail are checked too.
            tarStream.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw ArchiveStreams.translate(e, name, xzMemoryLimit);
        }
        return collector.finish(name);
    }

    InputStream open(InputStream raw, String name) throws IOException {
        return ArchiveStreams.decompress(raw, name, ArchiveStreams.expectedFromName(name), xzMemoryLimit);
    }

    /** The tar layer of a file, decoded in parallel when it is a multi-block xz file; the caller closes it. */
    InputStream openFile(Path file, String name) throws IOException {
        return ArchiveStreams.decompressFile(file, name, ArchiveStreams.expectedFromName(name), xzMemoryLimit,
                xzThreads);
    }

    static InventoryCollector.Member member(TarArchiveEntry e) {
        EntryType type = EntryType.of(e);
        String link = switch (type) {
            case SYMLINK -> e.getLinkName();
            case HARDLINK -> ArchivePaths.normalize(e.getLinkName());
            default -> "";
        };
        return new InventoryCollector.Member(ArchivePaths.normalize(e.getName()), type,
                type == EntryType.FILE ? e.getSize() : 0, link, e.getDevMajor(), e.getDevMinor());
    }

    /** For messages: the first offenders, one per line, and how many more. */
    static String describe(List<UnsafeEntry> listed, long total) {
        StringBuilder sb = new StringBuilder();
        for (UnsafeEntry u : listed) {
            sb.append("\n  ").append(u.describe());
        }
        if (total > listed.size()) {
            sb.append("\n  ... and ").append(total - listed.size()).append(" more");
        }
        return sb.toString();
    }
}
