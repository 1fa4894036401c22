package dev.jailspec.provision;

import dev.jailspec.artifact.ArchiveInspector;
import dev.jailspec.artifact.ArchiveInventory;
import dev.jailspec.artifact.DownloadResult;
import dev.jailspec.artifact.Downloader;
import dev.jailspec.artifact.Hashing;
import dev.jailspec.artifact.ImageRead;
import dev.jailspec.artifact.InspectionCache;
import dev.jailspec.artifact.OciImage;
import dev.jailspec.artifact.RootfsValidator;
import dev.jailspec.event.ArchiveInspected;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Downloads a Linux image and makes its root file system tar ready to upload, reading the image's
 * bytes at most once (issue 15): in the pass that downloads and hashes them ({@link ImageRead} as
 * the Downloader's in-flight reader, both formats), else from this run's earlier preparation
 * ({@link PreparedImages}), else from an earlier run's inspection kept beside the download
 * ({@link InspectionCache}, by sha256 and format version), else from the file. Whatever the source,
 * the root file system is validated before anything of it is extracted; an OCI image is flattened
 * once, into {@code <image>.rootfs.tar.part} beside it, hashed as it is written, and kept as
 * {@code <image>.rootfs.tar} only when the flattened tree meets the rules.
 */
final class ImagePreparation {
    private static final String FLATTENED_SUFFIX = ".rootfs.tar";

    /** The verified download and the tar to upload. */
    record Ready(DownloadResult download, PreparedImages.Prepared prepared) {
    }

    private final Downloader downloader;
    private final PreparedImages preparedImages;
    private final InspectionCache inspections;
    private final EventBus bus;
    private final ArchiveInspector inspector = new ArchiveInspector();
    private final Path spoolParent = Path.of(System.getProperty("java.io.tmpdir"));

    ImagePreparation(Downloader downloader, PreparedImages preparedImages, EventBus bus) {
        this.downloader = downloader;
        this.preparedImages = preparedImages;
        this.inspections = new InspectionCache(bus);
        this.bus = bus;
    }

    /** @param name the dated image name, for messages and events; @param validator the rules its root file system must meet */
    Ready prepare(URI url, String sha256, String name, String hint, RootfsValidator validator) {
        Downloader.InspectedDownload<ImageRead> got = downloader.download(url, sha256, hint,
                (arriving, file) -> ImageRead.of(arriving, file, inspector, spoolParent));
        try (Downloader.InFlightOutcome<ImageRead> inFlight = got.inFlight()) {
            Path download = got.download().path();
            Optional<PreparedImages.Prepared> earlier = preparedImages.find(sha256);
            if (earlier.isPresent()) {
                bus.publish(new Note(bus.now(), "reused this run's inspection of " + name + " (sha256 " + sha256
                        + "): not read again"));
                return new Ready(got.download(), earlier.get());
            }
            PreparedImages.Prepared made;
            if (inFlight instanceof Downloader.InFlightOutcome.Read<ImageRead> read) {
                made = fromRead(read.value(), download, name, sha256, validator, ArchiveInspected.Source.IN_FLIGHT);
            } else if (inFlight instanceof Downloader.InFlightOutcome.Failed<ImageRead> failed) {
                throw failed.error();
            } else {
                made = fromCacheOrFile(download, name, sha256, validator);
            }
            preparedImages.remember(sha256, made);
            return new Ready(got.download(), made);
        }
    }

    private PreparedImages.Prepared fromCacheOrFile(Path download, String name, String sha256,
                                                    RootfsValidator validator) {
        Optional<InspectionCache.Entry> cached = inspections.read(download, sha256);
        if (cached.isPresent()) {
            InspectionCache.Entry entry = cached.get();
            // The rules are applied again: they may have changed since the entry was written.
            validator.require(entry.rootfsTar().isEmpty() ? name : name + " (flattened)", entry.rootfs());
            bus.publish(new ArchiveInspected(bus.now(), name, sha256, entry.image().entryCount(),
                    ArchiveInspected.Source.CACHE));
            bus.publish(new Note(bus.now(), "reused the inspection of " + name + " (sha256 " + sha256 + ") kept in "
                    + InspectionCache.entryPath(download) + ": not read again"));
            return new PreparedImages.Prepared(entry.rootfsTarBeside(download), entry.rootfsSha256(), entry.rootfs());
        }
        try (ImageRead read = ImageRead.of(download, inspector, spoolParent)) {
            return fromRead(read, download, name, sha256, validator, ArchiveInspected.Source.FILE);
        }
    }

    /** Validates what one pass read, flattens an OCI image, and keeps the result for later runs. */
    private PreparedImages.Prepared fromRead(ImageRead read, Path download, String name, String sha256,
                                             RootfsValidator validator, ArchiveInspected.Source source) {
        ArchiveInventory image = read.inventory();
        bus.publish(new ArchiveInspected(bus.now(), name, sha256, image.entryCount(), source));
        PreparedImages.Prepared made;
        if (read.oci().isEmpty()) {
            validator.require(name, image);
            made = new PreparedImages.Prepared(download, sha256, image);
        } else {
            Path flat = download.resolveSibling(download.getFileName() + FLATTENED_SUFFIX);
            made = flattenValidated(read.oci().get(), flat, name + " (flattened)", validator);
        }
        Path rootfs = made.rootfsTar();
        inspections.write(download, InspectionCache.Entry.of(sha256, image, made.extracted(),
                rootfs.equals(download) ? "" : rootfs.getFileName().toString(), made.rootfsSha256(), size(rootfs)));
        return made;
    }

    /**
     * Flattens the layers once into {@code flat.part}, hashing the tar as it is written, and keeps
     * it as {@code flat} only when its inventory meets the rules: a refused image leaves no tar
     * (the unsafe members it lists were written only to the .part, which is deleted).
     */
    private static PreparedImages.Prepared flattenValidated(OciImage oci, Path flat, String what,
                                                            RootfsValidator validator) {
        Path part = flat.resolveSibling(flat.getFileName() + ".part");
        try {
            MessageDigest sha256 = Hashing.sha256();
            ArchiveInventory extracted;
            try (OutputStream out = new DigestOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(part), 1 << 16), sha256)) {
                extracted = oci.writeFlattenedTarListingUnsafe(out);
            }
            validator.require(what, extracted);
            try {
                Files.move(part, flat, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, flat, StandardCopyOption.REPLACE_EXISTING);
            }
            return new PreparedImages.Prepared(flat, HexFormat.of().formatHex(sha256.digest()), extracted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the flattened root file system " + flat, e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // only a leftover .part, overwritten next time
            }
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + p, e);
        }
    }
}
