package dev.jailspec.artifact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an {@link ArchiveInventory} from members seen one at a time, in extraction order, and
 * says for each member whether it is unsafe. Memory grows with the number of paths (each is
 * kept once, to count the tree extraction must make), not with file contents.
 */
final class InventoryCollector {
    /** Files whose content is kept (small) to read os-release from. */
    static final Set<String> CAPTURED = Set.of("etc/os-release", "usr/lib/os-release");
    static final int MAX_CAPTURE = 64 * 1024;

    /** One member; {@code link} is the raw symlink target or the normalized hard link target. */
    record Member(String name, EntryType type, long size, String link, int devMajor, int devMinor) {
    }

    private final int maxListed;
    private final Map<EntryType, Long> counts = new EnumMap<>(EntryType.class);
    private final Map<String, String> symlinks = new HashMap<>();
    private final Map<String, String> hardlinks = new HashMap<>();
    private final Map<String, byte[]> captured = new HashMap<>();
    private final Set<String> notable = new HashSet<>();
    private final List<UnsafeEntry> unsafe = new ArrayList<>();
    private long unsafeCount;
    private long entryCount;
    private long totalSize;
    private boolean sawOciLayout;
    private boolean sawIndexJson;
    private boolean sawBlobs;
    /** Every distinct path below the root, for the tree's path count and to see a path written again. */
    private final Set<String> paths = new HashSet<>();
    private final List<Sampled> sample = new ArrayList<>();
    private long regularFiles;
    private long stride = 1;

    private record Sampled(long ordinal, TreeSample.SampledFile file) {
    }

    InventoryCollector(int maxListed) {
        this.maxListed = maxListed;
    }

    boolean wantsContent(Member m) {
        return m.type() == EntryType.FILE && CAPTURED.contains(m.name()) && m.size() <= MAX_CAPTURE;
    }

    /**
     * Records one member; {@code content} is its bytes when {@link #wantsContent} said so, else
     * null. Returns what is unsafe about it (empty when nothing).
     */
    List<UnsafeEntry> add(Member m, byte[] content) {
        entryCount++;
        counts.merge(m.type(), 1L, Long::sum);
        if (m.type() == EntryType.FILE) {
            totalSize += m.size();
        }
        String name = m.name();
        List<UnsafeEntry> found = check(m);
        for (UnsafeEntry u : found) {
            unsafeCount++;
            if (unsafe.size() < maxListed) {
                unsafe.add(u);
            }
        }
        if (name.equals("oci-layout")) {
            sawOciLayout = true;
        } else if (name.equals("index.json")) {
            sawIndexJson = true;
        } else if (name.startsWith("blobs/")) {
            sawBlobs = true;
        }
        if (!found.isEmpty() && (ArchivePaths.isAbsolute(name) || ArchivePaths.hasParentComponent(name))) {
            return found; // not part of the tree: do not let it shape what follows
        }
        sampleTree(m);
        // The member replaces whatever was at its path.
        symlinks.remove(name);
        hardlinks.remove(name);
        captured.remove(name);
        notable.remove(name);
        switch (m.type()) {
            case SYMLINK -> symlinks.put(name, m.link());
            case HARDLINK -> hardlinks.put(name, m.link());
            case FILE -> {
                if (content != null) {
                    captured.put(name, content);
                }
            }
            default -> {
            }
        }
        if (ArchiveInventory.NOTABLE_PATHS.contains(name) && m.type() != EntryType.DIRECTORY) {
            notable.add(name);
        }
        return found;
    }

    /**
     * Counts the path and samples every {@code stride}-th regular file; when the sample is full,
     * every other one is dropped and the stride doubles, so the sample spans the whole archive.
     */
    private void sampleTree(Member m) {
        String name = m.name();
        if (name.isEmpty()) {
            return; // the root
        }
        if (!paths.add(name) && !sample.isEmpty()) {
            sample.removeIf(s -> s.file().path().equals(name)); // replaced: what it was is gone
        }
        if (m.type() != EntryType.FILE) {
            return;
        }
        long ordinal = regularFiles++;
        if (ordinal % stride != 0) {
            return;
        }
        sample.add(new Sampled(ordinal, new TreeSample.SampledFile(name, m.size())));
        if (sample.size() > TreeSample.MAX_FILES) {
            stride *= 2;
            long s = stride;
            sample.removeIf(x -> x.ordinal() % s != 0);
        }
    }

    private List<UnsafeEntry> check(Member m) {
        String name = m.name();
        List<UnsafeEntry> found = new ArrayList<>(1);
        if (ArchivePaths.isAbsolute(name)) {
            found.add(new UnsafeEntry(name, UnsafeEntry.Kind.ABSOLUTE_PATH, ""));
            return found;
        }
        if (ArchivePaths.hasParentComponent(name)) {
            found.add(new UnsafeEntry(name, UnsafeEntry.Kind.PARENT_COMPONENT, ""));
            return found;
        }
        String through = symlinkAncestor(name);
        if (through != null) {
            found.add(new UnsafeEntry(name, UnsafeEntry.Kind.THROUGH_SYMLINK,
                    "(" + through + " is a symlink to " + symlinks.get(through) + ")"));
        }
        switch (m.type()) {
            case SYMLINK -> {
                if (ArchivePaths.resolveSymlink(name, m.link()) == null) {
                    found.add(new UnsafeEntry(name, UnsafeEntry.Kind.SYMLINK_ESCAPES, "-> " + m.link()));
                }
            }
            case HARDLINK -> {
                String target = m.link();
                if (ArchivePaths.isAbsolute(target) || ArchivePaths.hasParentComponent(target)) {
                    found.add(new UnsafeEntry(name, UnsafeEntry.Kind.HARDLINK_ESCAPES, "=> " + target));
                } else if (symlinks.containsKey(target)) {
                    found.add(new UnsafeEntry(name, UnsafeEntry.Kind.THROUGH_SYMLINK,
                            "=> " + target + " (a hard link to the symlink " + target + " -> "
                                    + symlinks.get(target) + ")"));
                } else {
                    String via = symlinkAncestor(target);
                    if (via != null) {
                        found.add(new UnsafeEntry(name, UnsafeEntry.Kind.THROUGH_SYMLINK,
                                "=> " + target + " (" + via + " is a symlink to " + symlinks.get(via) + ")"));
                    }
                }
            }
            case DEVICE -> found.add(new UnsafeEntry(name, UnsafeEntry.Kind.DEVICE_NODE,
                    "(" + m.devMajor() + "," + m.devMinor() + ")"));
            default -> {
            }
        }
        return found;
    }

    /** The nearest proper ancestor of {@code name} that is currently a symlink, or null. */
    private String symlinkAncestor(String name) {
        if (symlinks.isEmpty()) {
            return null;
        }
        int slash = name.indexOf('/');
        while (slash > 0) {
            String prefix = name.substring(0, slash);
            if (symlinks.containsKey(prefix)) {
                return prefix;
            }
            slash = name.indexOf('/', slash + 1);
        }
        return null;
    }

    ArchiveInventory finish(String archive) {
        ArchiveFormat format = sawOciLayout || (sawIndexJson && sawBlobs)
                ? ArchiveFormat.OCI_ARCHIVE : ArchiveFormat.PLAIN_ROOTFS;
        byte[] osRelease = contentOf("etc/os-release", 0);
        Set<String> present = new HashSet<>(notable);
        return new ArchiveInventory(archive, format, entryCount, totalSize, counts,
                osRelease == null ? OsRelease.NONE : OsRelease.parse(new String(osRelease, StandardCharsets.UTF_8)),
                present.contains("usr/bin/dnf"), present.contains("usr/bin/rpm"),
                present, unsafe, unsafeCount,
                new TreeSample(paths.size(), stride, sample.stream().map(Sampled::file).toList()));
    }

    /** The captured bytes at {@code path}, following symlinks and hard links within the archive. */
    private byte[] contentOf(String path, int depth) {
        if (path == null || depth > 16) {
            return null;
        }
        byte[] bytes = captured.get(path);
        if (bytes != null) {
            return bytes;
        }
        if (hardlinks.containsKey(path)) {
            return contentOf(hardlinks.get(path), depth + 1);
        }
        if (symlinks.containsKey(path)) {
            return contentOf(ArchivePaths.resolveSymlink(path, symlinks.get(path)), depth + 1);
        }
        return null;
    }
}
