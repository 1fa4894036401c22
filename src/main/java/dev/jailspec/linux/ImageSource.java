package dev.jailspec.linux;

import java.net.URI;
import java.util.Objects;

/**
 * Where a userland's container image and the listing of its checksum come from, and the release
 * (major) it must be: a full URL each, resolved from the settings by the distribution.
 */
public record ImageSource(URI image, URI checksum, String major) {
    public ImageSource {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(major, "major");
    }

    /** The image's file name, the last part of its path. */
    public String fileName() {
        String path = image.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
