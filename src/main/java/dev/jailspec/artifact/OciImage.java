package dev.jailspec.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An OCI image archive (a tar, usually xz-compressed, holding {@code oci-layout},
 * {@code index.json} and {@code blobs/sha256/...}), opened for flattening into a plain root
 * file system tar.
 *
 * <p>{@link #open} reads the archive once ({@link OciLayoutReader}: blobs spooled to a private
 * temporary directory and checked against their digests, the linux/amd64 manifest chosen, every
 * blob it needs present with its descriptor's size). Flattening ({@link OciFlattener}) applies
 * the layers in order with OCI whiteout rules, keeping owners, modes, timestamps, symlinks and
 * hard links. Extended attributes in pax headers are not copied (see {@link #droppedXattrs()}).
 * This class owns the spool and the order of the two halves.
 */
public final class OciImage implements AutoCloseable {
    public static final String OS = "linux";
    public static final String ARCHITECTURE = "amd64";

    /** A content descriptor from index.json or a manifest. */
    public record Descriptor(String mediaType, String digest, long size) {
        String shortDigest() {
            int colon = digest.indexOf(':');
            return digest.substring(0, Math.min(digest.length(), colon + 13));
        }
    }

    private final OciLayoutReader.Layout layout;
    private final OciFlattener flattener;
    private ArchiveInventory inventory;

    private OciImage(OciLayoutReader.Layout layout, ArchiveInspector inspector) {
        this.layout = layout;
        this.flattener = new OciFlattener(layout, inspector);
    }

    public static OciImage open(Path archive) {
        return open(archive, new ArchiveInspector(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Reads {@code archive} (xz, gzip or plain tar), spooling blobs under a new directory in
     * {@code spoolParent} that {@link #close()} deletes.
     */
    public static OciImage open(Path archive, ArchiveInspector inspector, Path spoolParent) {
        String name = archive.toString();
        // A multi-block xz file is decoded in parallel (ArchiveInspector#openFile).
        try (InputStream tarStream = inspector.openFile(archive, name)) {
            return spoolAndRead(tarStream, name, inspector, spoolParent);
        } catch (IOException e) {
            throw ArchiveStreams.translate(e, name, inspector.xzMemoryLimit());
        }
    }

    public static OciImage open(InputStream in, String name, ArchiveInspector inspector, Path spoolParent) {
        InputStream tarStream;
        try {
            tarStream = inspector.open(in, name);
        } catch (IOException e) {
            throw ArchiveStreams.translate(e, name, inspector.xzMemoryLimit());
        }
        return spoolAndRead(tarStream, name, inspector, spoolParent);
    }

    /** The image of a layout a {@link OciLayoutReader.BlobSpool} has already read. */
    static OciImage of(OciLayoutReader.Layout layout, ArchiveInspector inspector) {
        return new OciImage(layout, inspector);
    }

    /** A new private spool directory under {@code spoolParent}. */
    static Path newSpool(Path spoolParent, String name) {
        try {
            Files.createDirectories(spoolParent);
            return Files.createTempDirectory(spoolParent, "jailspec-oci-");
        } catch (IOException e) {
            throw new ArchiveException(name, ArchiveException.Problem.IO,
                    "cannot create a spool directory under " + spoolParent + " for " + name + ": " + e, e);
        }
    }

    private static OciImage spoolAndRead(InputStream tarStream, String name, ArchiveInspector inspector,
                                         Path spoolParent) {
        Path spool = newSpool(spoolParent, name);
        try {
            return new OciImage(OciLayoutReader.read(tarStream, name, inspector, spool), inspector);
        } catch (RuntimeException e) {
            deleteTree(spool);
            throw e;
        }
    }

    public String archive() {
        return layout.archive();
    }

    public Descriptor manifest() {
        return layout.manifest();
    }

    public Descriptor config() {
        return layout.config();
    }

    public List<Descriptor> layers() {
        return layout.layers();
    }

    /** Extended attributes (SCHILY.xattr / LIBARCHIVE.xattr pax headers) left out of the last flattening. */
    public int droppedXattrs() {
        return flattener.droppedXattrs();
    }

    /**
     * Writes the flattened tree as a plain tar to {@code out} (finished, not closed), for
     * {@code tar -xpf - -C DIR}. Before each member is written it is checked: an unsafe one
     * (absolute path, {@code ..}, symlink or hard link leaving the root, written through a
     * symlink, device node) stops the writing with {@link ArchiveException.Problem#UNSAFE_ENTRY};
     * what was written up to then must be discarded. Check {@link #inventory()} first to refuse
     * an image before anything is written.
     *
     * @return the inventory of what was written
     */
    public ArchiveInventory writeFlattenedTar(OutputStream out) {
        return flattener.flatten(out, true);
    }

    /**
     * Writes the flattened tree as {@link #writeFlattenedTar} does, in the same single flattening,
     * but an unsafe member is listed in the returned inventory (as {@link #inventory()} lists it)
     * instead of stopping the writing: for a caller that refuses on that inventory before the tar
     * is used and discards it then. Saves flattening the layers once for the inventory and again
     * for the tar.
     */
    public ArchiveInventory writeFlattenedTarListingUnsafe(OutputStream out) {
        return flattener.flatten(out, false);
    }

    /** The inventory of the flattened tree, with every unsafe member listed rather than thrown. */
    public synchronized ArchiveInventory inventory() {
        if (inventory == null) {
            inventory = flattener.flatten(OutputStream.nullOutputStream(), false);
        }
        return inventory;
    }

    /** Deletes the spooled blobs. */
    @Override
    public void close() {
        deleteTree(layout.spool());
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp file must not hide the real outcome
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }

    @Override
    public String toString() {
        return "OciImage[" + archive() + ", manifest " + manifest().digest() + ", " + layers().size() + " layer(s)]";
    }
}
