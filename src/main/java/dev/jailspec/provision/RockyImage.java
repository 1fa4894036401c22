package dev.jailspec.provision;

import dev.jailspec.config.Settings;
import java.net.URI;

/** Where the Rocky Linux Container-Base image and its CHECKSUM come from, from the settings. */
public record RockyImage(URI image, URI checksum, String major) {

    static RockyImage of(Settings s, String mirror) {
        String major = s.rockyRelease();
        String dir = mirror.replaceAll("/+$", "") + "/" + major + "/images/x86_64/";
        URI image = s.rockyImageUrl().isEmpty()
                ? URI.create(dir + "Rocky-" + major + "-Container-Base.latest.x86_64.tar.xz")
                : URI.create(s.rockyImageUrl());
        URI checksum = s.rockyChecksumUrl().isEmpty() ? image.resolve("CHECKSUM") : URI.create(s.rockyChecksumUrl());
        return new RockyImage(image, checksum, major);
    }

    public String fileName() {
        String path = image.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
