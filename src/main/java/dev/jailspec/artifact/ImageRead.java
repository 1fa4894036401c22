package dev.jailspec.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One pass over an image archive: its inventory and, when it is an OCI image archive, its blobs
 * spooled and checked ({@link OciImage}, ready to flatten), so the archive's bytes are read once
 * whatever its format. The pass may read a finished file or the bytes of a download as they arrive
 * ({@link Downloader#download(java.net.URI, String, String, Downloader.InFlight)}). Closing it
 * deletes the spool.
 *
 * @param inventory the archive's own members (an OCI archive's: oci-layout, index.json, blobs)
 * @param oci       the spooled image when {@code inventory} says OCI, else empty
 */
public record ImageRead(ArchiveInventory inventory, Optional<OciImage> oci) implements AutoCloseable {
    public ImageRead {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(oci, "oci");
    }

    /** Reads {@code archive}; a multi-block xz file is decoded in parallel. */
    public static ImageRead of(Path archive, ArchiveInspector inspector, Path spoolParent) {
        String name = archive.toString();
        Path spool = OciImage.newSpool(spoolParent, name);
        var blobs = new OciLayoutReader.BlobSpool(name, spool);
        try (InputStream tarStream = inspector.openFile(archive, name)) {
            return finish(inspector.readTar(tarStream, name, blobs), blobs, inspector);
        } catch (IOException e) {
            OciImage.deleteTree(spool);
            throw ArchiveStreams.translate(e, name, inspector.xzMemoryLimit());
        } catch (RuntimeException e) {
            OciImage.deleteTree(spool);
            throw e;
        }
    }

    /** Reads the (compressed) archive from {@code in}, not closed; {@code name} says which compression to expect. */
    public static ImageRead of(InputStream in, String name, ArchiveInspector inspector, Path spoolParent) {
        Path spool = OciImage.newSpool(spoolParent, name);
        try {
            var blobs = new OciLayoutReader.BlobSpool(name, spool);
            return finish(inspector.inspect(in, name, blobs), blobs, inspector);
        } catch (RuntimeException e) {
            OciImage.deleteTree(spool);
            throw e;
        }
    }

    private static ImageRead finish(ArchiveInventory inventory, OciLayoutReader.BlobSpool blobs,
                                    ArchiveInspector inspector) {
        if (inventory.format() != ArchiveFormat.OCI_ARCHIVE) {
            OciImage.deleteTree(blobs.spool());
            return new ImageRead(inventory, Optional.empty());
        }
        return new ImageRead(inventory, Optional.of(OciImage.of(blobs.finish(), inspector)));
    }

    @Override
    public void close() {
        oci.ifPresent(OciImage::close);
    }
}
