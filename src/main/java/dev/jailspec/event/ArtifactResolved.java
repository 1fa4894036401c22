package dev.jailspec.event;

import java.time.Instant;
import java.util.Objects;

/**
 * An artifact the run will use, named as its publisher names it: e.g. kind "linux-image" (the Linux userland's container image), name
 * "Rocky-9-Container-Base-9.7-20251123.2.x86_64.oci.tar.xz" (the dated file a ".latest" alias
 * points to), the URL it is fetched from and its checked sha256. The report records it.
 */
public record ArtifactResolved(Instant at, String kind, String name, String url, String sha256)
        implements JailspecEvent {
    public ArtifactResolved {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sha256, "sha256");
    }

    public static final String LINUX_IMAGE = "linux-image";
}
