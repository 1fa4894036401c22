package dev.jailspec.provision;

import dev.jailspec.artifact.ArchiveInventory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one run learned of each Linux image it prepared, by the image's checked sha256: the root
 * file system tar to upload (the image itself, or the tar flattened from its OCI layers), that tar's
 * sha256 and what extracting it must produce. A later scenario of the same run reuses it instead of
 * inspecting, validating and flattening the same image again (issue 15: each image is read at most
 * once per run). The files it names live in the download cache, which the run does not change.
 */
final class PreparedImages {
    /** @param rootfsTar the tar to upload; @param rootfsSha256 its sha256; @param extracted what it holds */
    record Prepared(Path rootfsTar, String rootfsSha256, ArchiveInventory extracted) {
        Prepared {
            Objects.requireNonNull(rootfsTar, "rootfsTar");
            Objects.requireNonNull(rootfsSha256, "rootfsSha256");
            Objects.requireNonNull(extracted, "extracted");
        }
    }

    private final Map<String, Prepared> bySha256 = new ConcurrentHashMap<>();

    Optional<Prepared> find(String imageSha256) {
        return Optional.ofNullable(bySha256.get(imageSha256)).filter(p -> p.rootfsTar().toFile().isFile());
    }

    void remember(String imageSha256, Prepared prepared) {
        bySha256.put(imageSha256, prepared);
    }
}
