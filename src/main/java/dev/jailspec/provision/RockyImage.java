package dev.jailspec.provision;

import dev.jailspec.config.Settings;
import java.net.URI;

/**
 * Where the Rocky Linux Container-Base image and its CHECKSUM come from, from the settings: a
 * full URL, or a file name in the mirror's images directory (the CHECKSUM next to the image).
 */
public record RockyImage(URI image, URI checksum, String major) {

    static RockyImage of(Settings s, String mirror) {
        String major = s.rockyRelease();
        String dir = mirror.replaceAll("/+$", "") + "/" + major + "/images/x86_64/";
        String imageSetting = s.rockyImageUrl().isEmpty()
                ? "Rocky-" + major + "-Container-Base.latest.x86_64.tar.xz" : s.rockyImageUrl();
        URI image = URI.create(dir).resolve(imageSetting);
        URI checksum = image.resolve(s.rockyChecksumUrl().isEmpty() ? "CHECKSUM" : s.rockyChecksumUrl());
        return new RockyImage(image, checksum, major);
    }

    public String fileName() {
        String path = image.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
