package dev.jailspec.artifact;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * What inspecting an image yielded, kept beside its cached download ({@code <file>.inspection.json})
 * so a later run neither reads nor flattens the same image again (issue 15). An entry is keyed by
 * the image's sha256 (which the {@link Downloader} checks on every cache hit) and by
 * {@link #FORMAT_VERSION}; an entry that is unreadable, of another version, for other bytes, or
 * whose root file system tar is gone or has another size is ignored with a {@link Note} and
 * rebuilt by the caller. It is written to a temporary file and renamed over the old one, so a
 * crash leaves the old entry or none, never half of one. Removing the {@code .inspection.json}
 * files (or the whole cache directory, {@code jailspec.cache}) makes the next run inspect again.
 */
public final class InspectionCache {
    /**
     * Bump when what an entry means changes: the inspector's or the flattener's output, the records
     * below or anything in them ({@link ArchiveInventory}, {@link TreeSample}, {@link OsRelease}).
     */
    public static final int FORMAT_VERSION = 1;
    public static final String SUFFIX = ".inspection.json";

    // Records by their components only: isSafe() and the like are not state.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * One image's inspection.
     *
     * @param formatVersion {@link #FORMAT_VERSION} when written
     * @param imageSha256   the image's sha256, the key
     * @param image         the image archive's own inventory (an OCI archive's: its layout's members)
     * @param rootfs        what extracting the root file system tar must produce
     * @param rootfsTar     the root file system tar's file name beside the download (the flattened OCI
     *                      image), or empty when it is the image itself
     * @param rootfsSha256  that tar's sha256
     * @param rootfsSize    its size in bytes, checked before the entry is trusted
     */
    public record Entry(int formatVersion, String imageSha256, ArchiveInventory image, ArchiveInventory rootfs,
                        String rootfsTar, String rootfsSha256, long rootfsSize) {
        public Entry {
            Objects.requireNonNull(imageSha256, "imageSha256");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(rootfs, "rootfs");
            Objects.requireNonNull(rootfsTar, "rootfsTar");
            Objects.requireNonNull(rootfsSha256, "rootfsSha256");
            if (rootfsTar.contains("/") || rootfsTar.equals("..")) {
                throw new IllegalArgumentException("rootfsTar must be a file name beside the download, got " + rootfsTar);
            }
        }

        /** An entry of this version. */
        public static Entry of(String imageSha256, ArchiveInventory image, ArchiveInventory rootfs, String rootfsTar,
                               String rootfsSha256, long rootfsSize) {
            return new Entry(FORMAT_VERSION, imageSha256, image, rootfs, rootfsTar, rootfsSha256, rootfsSize);
        }

        /** The root file system tar for the image at {@code download}. */
        public Path rootfsTarBeside(Path download) {
            return rootfsTar.isEmpty() ? download : download.resolveSibling(rootfsTar);
        }
    }

    private final EventBus bus;

    public InspectionCache(EventBus bus) {
        this.bus = Objects.requireNonNull(bus, "bus");
    }

    public static Path entryPath(Path download) {
        return download.resolveSibling(download.getFileName() + SUFFIX);
    }

    /** The entry for the image at {@code download} with {@code sha256}, when there is a trustworthy one. */
    public Optional<Entry> read(Path download, String sha256) {
        Path file = entryPath(download);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Entry entry;
        try {
            entry = JSON.readValue(file.toFile(), Entry.class);
        } catch (IOException | RuntimeException e) {
            return ignored(file, "it cannot be read (" + firstLine(e) + ")");
        }
        if (entry.formatVersion() != FORMAT_VERSION) {
            return ignored(file, "it was written by inspection format " + entry.formatVersion() + ", this is "
                    + FORMAT_VERSION);
        }
        if (!entry.imageSha256().equals(sha256)) {
            return ignored(file, "it is for sha256 " + entry.imageSha256() + ", the image has " + sha256);
        }
        Path rootfs = entry.rootfsTarBeside(download);
        long size = Files.isRegularFile(rootfs) ? HttpTransfers.sizeOf(rootfs) : -1;
        if (size != entry.rootfsSize()) {
            return ignored(file, "its root file system tar " + rootfs + (size < 0 ? " is gone"
                    : " has " + size + " bytes, not " + entry.rootfsSize()));
        }
        return Optional.of(entry);
    }

    /** Writes {@code entry} for the image at {@code download}, replacing an old one at once; a failure only costs a later run an inspection. */
    public void write(Path download, Entry entry) {
        Path file = entryPath(download);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), entry);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                HttpTransfers.deleteQuietly(tmp);
            }
            bus.publish(new Note(bus.now(), "could not keep the inspection of " + download + " in " + file + " ("
                    + firstLine(e) + "): the next run inspects the image again"));
        }
    }

    private Optional<Entry> ignored(Path file, String why) {
        bus.publish(new Note(bus.now(), "ignored the cached inspection " + file + ": " + why
                + "; inspecting the image again and replacing it"));
        return Optional.empty();
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }
}
