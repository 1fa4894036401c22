package dev.jailspec.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jailspec.artifact.OciImage.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reading half of {@link OciImage}: one pass over the archive's tar that spools every blob to a
 * private directory and checks it against its digest on the way (memory stays bounded whatever
 * the layer sizes), then picks the linux/amd64 manifest (directly from {@code index.json} or
 * through a nested image index) and checks that every blob it needs is there with the size its
 * descriptor says. What it finds is a {@link Layout}; applying the layers is {@link OciFlattener}'s.
 */
final class OciLayoutReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BLOB = Pattern.compile("blobs/(sha256|sha512)/([0-9a-f]{64}|[0-9a-f]{128})");
    private static final int MAX_JSON = 4 * 1024 * 1024;

    /** What the archive holds, checked: the blobs on disk and the chosen manifest's parts. */
    record Layout(String archive, Path spool, Map<String, Path> blobs, Descriptor manifest, Descriptor config,
                  List<Descriptor> layers, List<String> diffIds) {
        Layout {
            layers = List.copyOf(layers);
            diffIds = List.copyOf(diffIds);
        }
    }

    private OciLayoutReader() {
    }

    /** Reads the (decompressed) tar layer of the archive, spooling its blobs. */
    static Layout read(InputStream tarStream, String name, ArchiveInspector inspector, Path spool) {
        BlobSpool blobSpool = new BlobSpool(name, spool);
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(tarStream, StandardCharsets.UTF_8.name());
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                blobSpool.offer(e, tar);
            }
            tarStream.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw ArchiveStreams.translate(e, name, inspector.xzMemoryLimit());
        }
        return blobSpool.finish();
    }

    /**
     * The spooling half, fed one tar member at a time, so that the pass that inventories an archive
     * (ArchiveInspector with a member hook) can spool its blobs too: the archive is read once.
     */
    static final class BlobSpool implements ArchiveInspector.MemberHook {
        private final String name;
        private final Path spool;
        private final Map<String, Path> blobs = new HashMap<>();
        private byte[] indexJson;
        private byte[] layout;

        BlobSpool(String name, Path spool) {
            this.name = name;
            this.spool = spool;
        }

        /** Keeps {@code e} when it is index.json, oci-layout or a blob; {@code tar} is positioned at its data. */
        @Override
        public void offer(TarArchiveEntry e, InputStream tar) throws IOException {
            String member = ArchivePaths.normalize(e.getName());
            if (!e.isFile() || e.isLink() || e.isSymbolicLink()) {
                return;
            }
            if (member.equals("index.json")) {
                indexJson = readCapped(tar, e, name, member);
            } else if (member.equals("oci-layout")) {
                layout = readCapped(tar, e, name, member);
            } else {
                Matcher m = BLOB.matcher(member);
                if (m.matches()) {
                    String digest = m.group(1) + ":" + m.group(2);
                    blobs.put(digest, spoolBlob(tar, name, digest, m.group(1), m.group(2), spool));
                }
            }
        }

        Path spool() {
            return spool;
        }

        /** Checks what was spooled and picks the manifest. */
        Layout finish() {
            return layoutOf(name, spool, blobs, indexJson, layout);
        }
    }

    private static Layout layoutOf(String name, Path spool, Map<String, Path> blobs, byte[] indexJson, byte[] layout) {
        if (indexJson == null) {
            throw bad(name, name + " has no index.json: it is not an OCI image layout"
                    + (layout == null ? " (no oci-layout either)" : "") + ".");
        }
        if (layout != null) {
            JsonNode l = parseJson(layout, name, "oci-layout");
            String version = l.path("imageLayoutVersion").asText("");
            if (!version.startsWith("1.")) {
                throw bad(name, name + ": oci-layout has imageLayoutVersion \"" + version + "\", expected 1.x.");
            }
        }
        var reader = new ManifestReader(name, blobs);
        Descriptor manifest = reader.select(parseJson(indexJson, name, "index.json"), "index.json", 0);
        JsonNode m = parseJson(reader.blob(manifest, "manifest"), name, "manifest " + manifest.digest());
        Descriptor config = descriptor(m.path("config"), name, "config of manifest " + manifest.digest());
        reader.blob(config, "config");
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode l : m.path("layers")) {
            Descriptor d = descriptor(l, name, "layer of manifest " + manifest.digest());
            if (!OciMediaTypes.isLayer(d.mediaType())) {
                throw bad(name, name + ": layer " + d.digest() + " has media type " + d.mediaType()
                        + (d.mediaType().endsWith("zstd") ? " (zstd needs a decoder this build does not have)" : "")
                        + "; supported: tar and tar+gzip (OCI and Docker).");
            }
            reader.blobPath(d, "layer");
            layers.add(d);
        }
        if (layers.isEmpty()) {
            throw bad(name, name + ": manifest " + manifest.digest() + " lists no layers.");
        }
        List<String> diffIds = new ArrayList<>();
        JsonNode cfg = parseJson(reader.blob(config, "config"), name, "config " + config.digest());
        for (JsonNode d : cfg.path("rootfs").path("diff_ids")) {
            diffIds.add(d.asText());
        }
        if (!diffIds.isEmpty() && diffIds.size() != layers.size()) {
            throw bad(name, name + ": config " + config.digest() + " lists " + diffIds.size()
                    + " diff_ids for " + layers.size() + " layers.");
        }
        return new Layout(name, spool, blobs, manifest, config, layers, diffIds);
    }

    /** Reads index.json trees and blobs. */
    private static final class ManifestReader {
        private final String name;
        private final Map<String, Path> blobs;
        private final List<String> seenPlatforms = new ArrayList<>();

        ManifestReader(String name, Map<String, Path> blobs) {
            this.name = name;
            this.blobs = blobs;
        }

        Descriptor select(JsonNode index, String where, int depth) {
            if (depth > 4) {
                throw bad(name, name + ": image indexes nest more than 4 deep at " + where + ".");
            }
            JsonNode manifests = index.path("manifests");
            if (!manifests.isArray() || manifests.isEmpty()) {
                throw bad(name, name + ": " + where + " lists no manifests.");
            }
            for (JsonNode m : manifests) {
                Descriptor d = descriptor(m, name, "manifest in " + where);
                if (OciMediaTypes.INDEX_TYPES.contains(d.mediaType())) {
                    JsonNode nested = parseJson(blob(d, "image index"), name, "image index " + d.digest());
                    Descriptor found = select(nested, "image index " + d.digest(), depth + 1);
                    if (found != null) {
                        return found;
                    }
                    continue;
                }
                if (!OciMediaTypes.MANIFEST_TYPES.contains(d.mediaType())) {
                    seenPlatforms.add(d.mediaType());
                    continue;
                }
                JsonNode platform = m.path("platform");
                String os;
                String arch;
                if (platform.isObject()) {
                    os = platform.path("os").asText("");
                    arch = platform.path("architecture").asText("");
                } else {
                    // No platform in the index (KIWI writes none): ask the image config.
                    JsonNode man = parseJson(blob(d, "manifest"), name, "manifest " + d.digest());
                    Descriptor cfg = descriptor(man.path("config"), name, "config of manifest " + d.digest());
                    JsonNode c = parseJson(blob(cfg, "config"), name, "config " + cfg.digest());
                    os = c.path("os").asText("");
                    arch = c.path("architecture").asText("");
                }
                if (os.equals(OciImage.OS) && arch.equals(OciImage.ARCHITECTURE)) {
                    return d;
                }
                seenPlatforms.add(os + "/" + arch);
            }
            if (depth == 0) {
                throw bad(name, name + " has no " + OciImage.OS + "/" + OciImage.ARCHITECTURE + " image; it offers "
                        + (seenPlatforms.isEmpty() ? "nothing usable" : String.join(", ", seenPlatforms)) + ".");
            }
            return null;
        }

        Path blobPath(Descriptor d, String what) {
            Path p = blobs.get(d.digest());
            if (p == null) {
                throw bad(name, name + " lacks the " + what + " blob " + d.digest()
                        + " (blobs/" + d.digest().replace(':', '/') + "): the archive is incomplete.");
            }
            try {
                long size = Files.size(p);
                if (d.size() >= 0 && size != d.size()) {
                    throw bad(name, name + ": " + what + " blob " + d.digest() + " is " + size
                            + " bytes, its descriptor says " + d.size() + ".");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        }

        byte[] blob(Descriptor d, String what) {
            Path p = blobPath(d, what);
            try {
                if (Files.size(p) > MAX_JSON) {
                    throw bad(name, name + ": " + what + " blob " + d.digest() + " is larger than "
                            + MAX_JSON + " bytes; refusing to parse it as JSON.");
                }
                return Files.readAllBytes(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Descriptor descriptor(JsonNode n, String name, String where) {
        String digest = n.path("digest").asText("");
        if (!BLOB.matcher("blobs/" + digest.replace(':', '/')).matches()) {
            throw bad(name, name + ": " + where + " has no valid digest (\"" + digest + "\").");
        }
        return new Descriptor(n.path("mediaType").asText(""), digest, n.path("size").asLong(-1));
    }

    private static JsonNode parseJson(byte[] bytes, String name, String what) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw bad(name, name + ": " + what + " is not a JSON object.");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad(name, name + ": " + what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readCapped(InputStream tar, TarArchiveEntry e, String name, String member)
            throws IOException {
        if (e.getSize() > MAX_JSON) {
            throw bad(name, name + ": " + member + " is " + e.getSize() + " bytes; refusing to read more than "
                    + MAX_JSON + ".");
        }
        return tar.readNBytes((int) e.getSize());
    }

    private static Path spoolBlob(InputStream in, String name, String digest, String alg, String hex, Path spool)
            throws IOException {
        Path file = spool.resolve(alg + "-" + hex);
        MessageDigest md = Hashing.digest(alg.equals("sha256") ? "SHA-256" : "SHA-512");
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), md)) {
            in.transferTo(out);
        }
        String actual = Hashing.hex(md.digest());
        if (!actual.equals(hex)) {
            throw bad(name, name + ": blob " + digest + " has the digest " + alg + ":" + actual
                    + "; the archive is damaged or was tampered with.");
        }
        return file;
    }

    private static ArchiveException bad(String name, String message) {
        return new ArchiveException(name, ArchiveException.Problem.BAD_OCI, message);
    }
}
