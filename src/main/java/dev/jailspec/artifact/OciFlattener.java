package dev.jailspec.artifact;

import dev.jailspec.artifact.OciImage.Descriptor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
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
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Flattening half of {@link OciImage}: applies the spooled layers of a {@link OciLayoutReader.Layout}
 * in order with OCI whiteout rules ({@code .wh.NAME} removes NAME from lower layers,
 * {@code .wh..wh..opq} empties a directory of lower-layer content) and writes one plain tar,
 * keeping owners, modes, timestamps, symlinks and hard links. A hard link whose target a later
 * layer removed or replaced keeps the old content (it becomes a regular file). Each layer's
 * uncompressed digest is checked against the config's diff_id. Extended attributes in pax
 * headers are counted, not copied.
 */
final class OciFlattener {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final String archive;
    private final Map<String, Path> blobs;
    private final List<Descriptor> layers;
    private final List<String> diffIds;
    private final ArchiveInspector inspector;
    private int droppedXattrs;

    OciFlattener(OciLayoutReader.Layout layout, ArchiveInspector inspector) {
        this.archive = layout.archive();
        this.blobs = layout.blobs();
        this.layers = layout.layers();
        this.diffIds = layout.diffIds();
        this.inspector = inspector;
    }

    /** Extended attributes (SCHILY.xattr / LIBARCHIVE.xattr pax headers) left out of the last flattening. */
    synchronized int droppedXattrs() {
        return droppedXattrs;
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

    synchronized ArchiveInventory flatten(OutputStream out, boolean strict) {
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
                readLayer(i, false, (layer, ordinal, name, e, in) -> {
                    if (ArchivePaths.isAbsolute(name) || ArchivePaths.hasParentComponent(name)) {
                        InventoryCollector.Member m = ArchiveInspector.member(e);
                        refuseOrRecord(collector, m, null, strict);
                        return;
                    }
                    if (ArchivePaths.baseName(name).startsWith(WHITEOUT)) {
                        return;
                    }
                    List<Node> links = materialize.get(key(layer, ordinal));
                    if (links != null) {
                        Node first = links.get(0);
                        write(tar, collector, e, in, first.path, EntryType.FILE, null, strict);
                        materialized.add(first.path);
                        for (Node other : links.subList(1, links.size())) {
                            linkRewrite.put(other.path, first.path);
                        }
                        return;
                    }
                    Node node = state.get(name);
                    if (node == null) {
                        return;
                    }
                    if (e.isDirectory()) {
                        if (node.type == EntryType.DIRECTORY && dirsWritten.add(name)) {
                            write(tar, collector, node.dirHeader, null, name, EntryType.DIRECTORY, null, strict);
                        }
                        return;
                    }
                    if (node.layer != layer || node.ordinal != ordinal || materialized.contains(name)) {
                        return;
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
                });
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
            String actual = readLayer(i, true, (layer, ordinal, name, e, in) -> {
                if (ArchivePaths.isAbsolute(name) || ArchivePaths.hasParentComponent(name)) {
                    return;
                }
                String base = ArchivePaths.baseName(name);
                String dir = ArchivePaths.parent(name);
                if (base.equals(OPAQUE)) {
                    removeBelow(state, dir, layer, false);
                    return;
                }
                if (base.startsWith(WHITEOUT)) {
                    if (!base.startsWith(WHITEOUT + WHITEOUT)) {
                        removeBelow(state, ArchivePaths.join(dir, base.substring(WHITEOUT.length())), layer, true);
                    }
                    return;
                }
                EntryType type = EntryType.of(e);
                Node old = state.get(name);
                if (old != null && old.type == EntryType.DIRECTORY && type != EntryType.DIRECTORY) {
                    removeBelow(state, name, Integer.MAX_VALUE, false);
                }
                Node node = new Node(name, layer, ordinal, type, type == EntryType.DIRECTORY ? e : null);
                if (type == EntryType.HARDLINK) {
                    Node target = state.get(ArchivePaths.normalize(e.getLinkName()));
                    node.linkSource = target != null && target.type == EntryType.HARDLINK ? target.linkSource : target;
                }
                state.put(name, node);
            });
            if (!diffIds.isEmpty()) {
                // diff_id: the sha256 of the uncompressed layer, every byte of it.
                if (!actual.equals(diffIds.get(i))) {
                    throw new ArchiveException(archive, ArchiveException.Problem.BAD_OCI, archive + ": layer " + (i + 1)
                            + " (" + layers.get(i).digest() + ") uncompresses to " + actual
                            + " but the config's diff_id is " + diffIds.get(i) + ".");
                }
            }
        }
        return state;
    }

    /** One member of a layer: which layer, its place in it, its normalized name, its header and content. */
    @FunctionalInterface
    private interface LayerMember {
        void accept(int layer, long ordinal, String name, TarArchiveEntry entry, InputStream content) throws IOException;
    }

    /**
     * Streams layer {@code i}'s members in order. With {@code digest} the rest of the stream after
     * the tar's end is read too and the sha256 of all of it returned ({@code "sha256:HEX"}), else null.
     */
    private String readLayer(int i, boolean digest, LayerMember member) {
        MessageDigest diff = digest ? Hashing.sha256() : null;
        try (InputStream raw = openLayer(layers.get(i));
             InputStream data = digest ? new DigestInputStream(raw, diff) : raw;
             TarArchiveInputStream in = new TarArchiveInputStream(data, StandardCharsets.UTF_8.name())) {
            long ordinal = -1;
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                ordinal++;
                member.accept(i, ordinal, ArchivePaths.normalize(e.getName()), e, in);
            }
            if (digest) {
                data.transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException ex) {
            throw ArchiveStreams.translate(ex, layerName(i), inspector.xzMemoryLimit());
        }
        return digest ? "sha256:" + Hashing.hex(diff.digest()) : null;
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
        ArchiveStreams.Compression expected = OciMediaTypes.isGzipLayer(layer.mediaType())
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
}
