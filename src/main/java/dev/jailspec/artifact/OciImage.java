package dev.jailspec.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * An OCI image archive (a tar, usually xz-compressed, holding {@code oci-layout},
 * {@code index.json} and {@code blobs/sha256/...}), opened for flattening into a plain root
 * file system tar.
 *
 * <p>{@link #open} reads the archive once, spooling every blob to a private temporary directory
 * and checking it against its digest on the way; memory stays bounded whatever the layer sizes.
 * It then picks the linux/amd64 manifest (directly from {@code index.json} or through a nested
 * image index) and checks that every blob it needs is there with the size its descriptor says.
 *
 * <p>Flattening applies the layers in order with OCI whiteout rules ({@code .wh.NAME} removes
 * NAME from lower layers, {@code .wh..wh..opq} empties a directory of lower-layer content),
 * keeping owners, modes, timestamps, symlinks and hard links. A hard link whose target a later
 * layer removed or replaced keeps the old content (it becomes a regular file). Extended
 * attributes in pax headers are not copied (see {@link #droppedXattrs()}).
 */
public final class OciImage implements AutoCloseable {
    public static final String OS = "linux";
    public static final String ARCHITECTURE = "amd64";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BLOB = Pattern.compile("blobs/(sha256|sha512)/([0-9a-f]{64}|[0-9a-f]{128})");
    private static final int MAX_JSON = 4 * 1024 * 1024;
    private static final Set<String> INDEX_TYPES = Set.of(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Set<String> MANIFEST_TYPES = Set.of(
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
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    /** A content descriptor from index.json or a manifest. */
    public record Descriptor(String mediaType, String digest, long size) {
        String shortDigest() {
            int colon = digest.indexOf(':');
            return digest.substring(0, Math.min(digest.length(), colon + 13));
        }
    }

    private final String archive;
    private final Path spool;
    private final Map<String, Path> blobs;
    private final ArchiveInspector inspector;
    private final Descriptor manifest;
    private final Descriptor config;
    private final List<Descriptor> layers;
    private final List<String> diffIds;
    private ArchiveInventory inventory;
    private int droppedXattrs;

    private OciImage(String archive, Path spool, Map<String, Path> blobs, ArchiveInspector inspector,
                     Descriptor manifest, Descriptor config, List<Descriptor> layers, List<String> diffIds) {
        this.archive = archive;
        this.spool = spool;
        this.blobs = blobs;
        this.inspector = inspector;
        this.manifest = manifest;
        this.config = config;
        this.layers = List.copyOf(layers);
        this.diffIds = List.copyOf(diffIds);
    }

    public static OciImage open(Path archive) {
        return open(archive, new ArchiveInspector(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Reads {@code archive} (xz, gzip or plain tar), spooling blobs under a new directory in
     * {@code spoolParent} that {@link #close()} deletes.
     */
    public static OciImage open(Path archive, ArchiveInspector inspector, Path spoolParent) {
        String name = archive.toString();
        // A multi-block xz file is decoded in parallel (ArchiveInspector#openFile).
        try (InputStream tarStream = inspector.openFile(archive, name)) {
            return spoolAndRead(tarStream, name, inspector, spoolParent);
        } catch (IOException e) {
            throw ArchiveStreams.translate(e, name, inspector.xzMemoryLimit());
        }
    }

    public static OciImage open(InputStream in, String name, ArchiveInspector inspector, Path spoolParent) {
        InputStream tarStream;
        try {
            tarStream = inspector.open(in, name);
        } catch (IOException e) {
            throw ArchiveStreams.translate(e, name, inspector.xzMemoryLimit());
        }
        return spoolAndRead(tarStream, name, inspector, spoolParent);
    }

    private static OciImage spoolAndRead(InputStream tarStream, String name, ArchiveInspector inspector,
                                         Path spoolParent) {
        Path spool;
        try {
            Files.createDirectories(spoolParent);
            spool = Files.createTempDirectory(spoolParent, "jailspec-oci-");
        } catch (IOException e) {
            throw new ArchiveException(name, ArchiveException.Problem.IO,
                    "cannot create a spool directory under " + spoolParent + " for " + name + ": " + e, e);
        }
        try {
            return read(tarStream, name, inspector, spool);
        } catch (RuntimeException e) {
            deleteTree(spool);
            throw e;
        }
    }

    /** Reads the (decompressed) tar layer of the archive, spooling its blobs. */
    private static OciImage read(InputStream tarStream, String name, ArchiveInspector inspector, Path spool) {
        Map<String, Path> blobs = new HashMap<>();
        byte[] indexJson = null;
        byte[] layout = null;
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(tarStream, StandardCharsets.UTF_8.name());
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String member = ArchivePaths.normalize(e.getName());
                if (!e.isFile() || e.isLink() || e.isSymbolicLink()) {
                    continue;
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
            tarStream.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw ArchiveStreams.translate(e, name, inspector.xzMemoryLimit());
        }
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
            if (!TAR_LAYERS.contains(d.mediaType()) && !GZIP_LAYERS.contains(d.mediaType())) {
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
        return new OciImage(name, spool, blobs, inspector, manifest, config, layers, diffIds);
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
                if (INDEX_TYPES.contains(d.mediaType())) {
                    JsonNode nested = parseJson(blob(d, "image index"), name, "image index " + d.digest());
                    Descriptor found = select(nested, "image index " + d.digest(), depth + 1);
                    if (found != null) {
                        return found;
                    }
                    continue;
                }
                if (!MANIFEST_TYPES.contains(d.mediaType())) {
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
                if (os.equals(OS) && arch.equals(ARCHITECTURE)) {
                    return d;
                }
                seenPlatforms.add(os + "/" + arch);
            }
            if (depth == 0) {
                throw bad(name, name + " has no " + OS + "/" + ARCHITECTURE + " image; it offers "
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

    private static byte[] readCapped(TarArchiveInputStream tar, TarArchiveEntry e, String name, String member)
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

    public String archive() {
        return archive;
    }

    public Descriptor manifest() {
        return manifest;
    }

    public Descriptor config() {
        return config;
    }

    public List<Descriptor> layers() {
        return layers;
    }

    /** Extended attributes (SCHILY.xattr / LIBARCHIVE.xattr pax headers) left out of the last flattening. */
    public int droppedXattrs() {
        return droppedXattrs;
    }

    /**
     * Writes the flattened tree as a plain tar to {@code out} (finished, not closed), for
     * {@code tar -xpf - -C DIR}. Before each member is written it is checked: an unsafe one
     * (absolute path, {@code ..}, symlink or hard link leaving the root, written through a
     * symlink, device node) stops the writing with {@link ArchiveException.Problem#UNSAFE_ENTRY};
     * what was written up to then must be discarded. Check {@link #inventory()} first to refuse
     * an image before anything is written.
     *
     * @return the inventory of what was written
     */
    public ArchiveInventory writeFlattenedTar(OutputStream out) {
        return flatten(out, true);
    }

    /** The inventory of the flattened tree, with every unsafe member listed rather than thrown. */
    public synchronized ArchiveInventory inventory() {
        if (inventory == null) {
            inventory = flatten(OutputStream.nullOutputStream(), false);
        }
        return inventory;
    }

    // ---------------------------------------------------------------------------------------
    // Flattening: pass 1 plays the layers forward on a map of paths; pass 2 streams the layers
    // again and writes each member that survived, in layer order.

    private static final class Node {
        final String path;
        final int layer;
        final long ordinal;
        final EntryType type;
        final TarArchiveEntry dirHeader;
        Node linkSource;

        Node(String path, int layer, long ordinal, EntryType type, TarArchiveEntry dirHeader) {
            this.path = path;
            this.layer = layer;
            this.ordinal = ordinal;
            this.type = type;
            this.dirHeader = dirHeader;
        }
    }

    private static long key(int layer, long ordinal) {
        return ((long) layer << 40) | ordinal;
    }

    private synchronized ArchiveInventory flatten(OutputStream out, boolean strict) {
        TreeMap<String, Node> state = playForward();
        // Hard links whose target a later layer removed or replaced keep the old content.
        Map<Long, List<Node>> materialize = new HashMap<>();
        state.values().stream()
                .filter(n -> n.type == EntryType.HARDLINK && n.linkSource != null
                        && n.linkSource.type == EntryType.FILE && state.get(n.linkSource.path) != n.linkSource)
                .sorted(Comparator.comparingInt((Node n) -> n.layer).thenComparingLong(n -> n.ordinal))
                .forEach(n -> materialize.computeIfAbsent(key(n.linkSource.layer, n.linkSource.ordinal),
                        k -> new ArrayList<>()).add(n));
        Map<String, String> linkRewrite = new HashMap<>();
        Set<String> materialized = new HashSet<>();
        Set<String> dirsWritten = new HashSet<>();
        InventoryCollector collector = new InventoryCollector(inspector.maxListed());
        droppedXattrs = 0;
        try {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(nonClosing(out), StandardCharsets.UTF_8.name());
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (int i = 0; i < layers.size(); i++) {
                Descriptor layer = layers.get(i);
                String layerName = layerName(i);
                try (InputStream raw = openLayer(layer);
                     TarArchiveInputStream in = new TarArchiveInputStream(raw, StandardCharsets.UTF_8.name())) {
                    long ordinal = -1;
                    TarArchiveEntry e;
                    while ((e = in.getNextEntry()) != null) {
                        ordinal++;
                        String name = ArchivePaths.normalize(e.getName());
                        if (ArchivePaths.isAbsolute(name) || ArchivePaths.hasParentComponent(name)) {
                            InventoryCollector.Member m = ArchiveInspector.member(e);
                            refuseOrRecord(collector, m, null, strict);
                            continue;
                        }
                        if (ArchivePaths.baseName(name).startsWith(WHITEOUT)) {
                            continue;
                        }
                        List<Node> links = materialize.get(key(i, ordinal));
                        if (links != null) {
                            Node first = links.get(0);
                            write(tar, collector, e, in, first.path, EntryType.FILE, null, strict);
                            materialized.add(first.path);
                            for (Node other : links.subList(1, links.size())) {
                                linkRewrite.put(other.path, first.path);
                            }
                            continue;
                        }
                        Node node = state.get(name);
                        if (node == null) {
                            continue;
                        }
                        if (e.isDirectory()) {
                            if (node.type == EntryType.DIRECTORY && dirsWritten.add(name)) {
                                write(tar, collector, node.dirHeader, null, name, EntryType.DIRECTORY, null, strict);
                            }
                            continue;
                        }
                        if (node.layer != i || node.ordinal != ordinal || materialized.contains(name)) {
                            continue;
                        }
                        String link = null;
                        if (node.type == EntryType.HARDLINK) {
                            link = linkRewrite.getOrDefault(name, node.linkSource != null
                                    && state.get(node.linkSource.path) == node.linkSource
                                    ? node.linkSource.path : ArchivePaths.normalize(e.getLinkName()));
                        } else if (node.type == EntryType.SYMLINK) {
                            link = e.getLinkName();
                        }
                        write(tar, collector, e, in, name, node.type, link, strict);
                    }
                } catch (IOException ex) {
                    throw ArchiveStreams.translate(ex, layerName, inspector.xzMemoryLimit());
                }
            }
            tar.finish();
            tar.flush();
        } catch (IOException e) {
            throw new ArchiveException(archive, ArchiveException.Problem.IO,
                    "cannot write the flattened tree of " + archive + ": " + e, e);
        }
        return collector.finish(archive + " (flattened)");
    }

    private void refuseOrRecord(InventoryCollector collector, InventoryCollector.Member m, byte[] content,
                                boolean strict) {
        List<UnsafeEntry> found = collector.add(m, content);
        if (strict && !found.isEmpty()) {
            throw new ArchiveException(archive, ArchiveException.Problem.UNSAFE_ENTRY,
                    archive + ": refusing to write an unsafe member of the flattened tree:"
                            + ArchiveInspector.describe(found, found.size())
                            + "\nThe tar written so far is incomplete and must be discarded.");
        }
    }

    private void write(TarArchiveOutputStream tar, InventoryCollector collector, TarArchiveEntry src,
                       InputStream content, String name, EntryType type, String link, boolean strict)
            throws IOException {
        if (type == EntryType.OTHER) {
            return;
        }
        long size = type == EntryType.FILE ? src.getSize() : 0;
        var member = new InventoryCollector.Member(name, type, size,
                type == EntryType.HARDLINK ? ArchivePaths.normalize(link) : link == null ? "" : link,
                src.getDevMajor(), src.getDevMinor());
        byte[] bytes = collector.wantsContent(member) ? content.readNBytes((int) size) : null;
        refuseOrRecord(collector, member, bytes, strict);
        String outName = type == EntryType.DIRECTORY ? (name.isEmpty() ? "./" : name + "/") : name;
        byte flag = switch (type) {
            case FILE -> TarConstants.LF_NORMAL;
            case DIRECTORY -> TarConstants.LF_DIR;
            case SYMLINK -> TarConstants.LF_SYMLINK;
            case HARDLINK -> TarConstants.LF_LINK;
            case DEVICE -> src.isBlockDevice() ? TarConstants.LF_BLK : TarConstants.LF_CHR;
            case FIFO -> TarConstants.LF_FIFO;
            case OTHER -> throw new IllegalStateException();
        };
        TarArchiveEntry out = new TarArchiveEntry(outName, flag);
        out.setMode(src.getMode());
        out.setUserId(src.getLongUserId());
        out.setGroupId(src.getLongGroupId());
        out.setUserName(src.getUserName());
        out.setGroupName(src.getGroupName());
        out.setModTime(src.getModTime());
        if (type == EntryType.FILE) {
            out.setSize(size);
        }
        if (link != null && (type == EntryType.SYMLINK || type == EntryType.HARDLINK)) {
            out.setLinkName(link);
        }
        if (type == EntryType.DEVICE) {
            out.setDevMajor(src.getDevMajor());
            out.setDevMinor(src.getDevMinor());
        }
        for (String key : src.getExtraPaxHeaders().keySet()) {
            if (key.startsWith("SCHILY.xattr.") || key.startsWith("LIBARCHIVE.xattr.")) {
                droppedXattrs++;
            }
        }
        tar.putArchiveEntry(out);
        if (type == EntryType.FILE) {
            if (bytes != null) {
                tar.write(bytes);
            } else {
                long copied = copy(content, tar, size);
                if (copied != size) {
                    throw new IOException("Truncated TAR archive: " + name + " has " + copied + " of " + size + " bytes");
                }
            }
        }
        tar.closeArchiveEntry();
    }

    private static long copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long done = 0;
        while (done < size) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, size - done));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            done += n;
        }
        return done;
    }

    /** Pass 1: the tree after every layer, with whiteouts applied to lower layers only. */
    private TreeMap<String, Node> playForward() {
        TreeMap<String, Node> state = new TreeMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Descriptor layer = layers.get(i);
            String layerName = layerName(i);
            MessageDigest diff = Hashing.sha256();
            try (InputStream raw = openLayer(layer);
                 DigestInputStream digesting = new DigestInputStream(raw, diff);
                 TarArchiveInputStream in = new TarArchiveInputStream(digesting, StandardCharsets.UTF_8.name())) {
                long ordinal = -1;
                TarArchiveEntry e;
                while ((e = in.getNextEntry()) != null) {
                    ordinal++;
                    String name = ArchivePaths.normalize(e.getName());
                    if (ArchivePaths.isAbsolute(name) || ArchivePaths.hasParentComponent(name)) {
                        continue;
                    }
                    String base = ArchivePaths.baseName(name);
                    String dir = ArchivePaths.parent(name);
                    if (base.equals(OPAQUE)) {
                        removeBelow(state, dir, i, false);
                        continue;
                    }
                    if (base.startsWith(WHITEOUT)) {
                        if (!base.startsWith(WHITEOUT + WHITEOUT)) {
                            removeBelow(state, ArchivePaths.join(dir, base.substring(WHITEOUT.length())), i, true);
                        }
                        continue;
                    }
                    EntryType type = EntryType.of(e);
                    Node old = state.get(name);
                    if (old != null && old.type == EntryType.DIRECTORY && type != EntryType.DIRECTORY) {
                        removeBelow(state, name, Integer.MAX_VALUE, false);
                    }
                    Node node = new Node(name, i, ordinal, type, type == EntryType.DIRECTORY ? e : null);
                    if (type == EntryType.HARDLINK) {
                        Node target = state.get(ArchivePaths.normalize(e.getLinkName()));
                        node.linkSource = target != null && target.type == EntryType.HARDLINK ? target.linkSource : target;
                    }
                    state.put(name, node);
                }
                digesting.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ex) {
                throw ArchiveStreams.translate(ex, layerName, inspector.xzMemoryLimit());
            }
            if (!diffIds.isEmpty()) {
                String actual = "sha256:" + Hashing.hex(diff.digest());
                if (!actual.equals(diffIds.get(i))) {
                    throw bad(archive, archive + ": layer " + (i + 1) + " (" + layer.digest()
                            + ") uncompresses to " + actual + " but the config's diff_id is " + diffIds.get(i) + ".");
                }
            }
        }
        return state;
    }

    /** Removes {@code path} (when {@code self}) and everything under it that came from layers below {@code layer}. */
    private static void removeBelow(TreeMap<String, Node> state, String path, int layer, boolean self) {
        if (self) {
            Node n = state.get(path);
            if (n != null && n.layer < layer) {
                state.remove(path);
            }
        }
        NavigableMap<String, Node> under = path.isEmpty() ? state : state.subMap(path + "/", true, path + "0", false);
        under.values().removeIf(n -> n.layer < layer && !n.path.isEmpty());
    }

    private String layerName(int i) {
        return archive + " layer " + (i + 1) + " (" + layers.get(i).shortDigest() + ")";
    }

    private InputStream openLayer(Descriptor layer) throws IOException {
        Path p = blobs.get(layer.digest());
        InputStream raw = new BufferedInputStream(Files.newInputStream(p), 64 * 1024);
        ArchiveStreams.Compression expected = GZIP_LAYERS.contains(layer.mediaType())
                ? ArchiveStreams.Compression.GZIP : ArchiveStreams.Compression.NONE;
        try {
            return ArchiveStreams.decompress(raw, layerName(layers.indexOf(layer)) + " [" + layer.mediaType() + "]",
                    expected, inspector.xzMemoryLimit());
        } catch (RuntimeException | IOException e) {
            raw.close();
            throw e;
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Deletes the spooled blobs. */
    @Override
    public void close() {
        deleteTree(spool);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp file must not hide the real outcome
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }

    @Override
    public String toString() {
        return "OciImage[" + archive + ", manifest " + manifest.digest() + ", " + layers.size() + " layer(s)]";
    }
}
