package dev.jailspec.artifact;

import java.util.Set;

/**
 * The media types an OCI image archive may name (OCI image-spec and Docker's v2 schema): which
 * descriptor is an index, a manifest, or a layer jailspec can apply. The reader refuses what is
 * not here; the flattener asks here whether a layer is gzip-compressed.
 */
final class OciMediaTypes {
    static final Set<String> INDEX_TYPES = Set.of(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    static final Set<String> MANIFEST_TYPES = Set.of(
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final Set<String> TAR_LAYERS = Set.of(
            "application/vnd.oci.image.layer.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.docker.image.rootfs.diff.tar");
    private static final Set<String> GZIP_LAYERS = Set.of(
            "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");

    private OciMediaTypes() {
    }

    static boolean isLayer(String mediaType) {
        return TAR_LAYERS.contains(mediaType) || GZIP_LAYERS.contains(mediaType);
    }

    static boolean isGzipLayer(String mediaType) {
        return GZIP_LAYERS.contains(mediaType);
    }
}
