package dev.jailspec.artifact;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an archive holds, read in one streaming pass.
 *
 * @param archive        the archive's name, for messages
 * @param format         by content: an OCI layout or a plain root file system
 * @param entryCount     every member, the root {@code ./} included (as {@code tar tvf | wc -l})
 * @param totalSize      the sum of regular file sizes
 * @param counts         members per type; every type is present, zero or not
 * @param osRelease      {@code etc/os-release}, following a symlink or hard link inside the archive
 *                       (Rocky's is {@code ../usr/lib/os-release}); {@link OsRelease#NONE} if absent
 * @param hasDnf         {@code usr/bin/dnf} exists as a file, symlink or hard link
 * @param hasRpm         {@code usr/bin/rpm} likewise
 * @param notablePaths   which of {@link #NOTABLE_PATHS} exist
 * @param unsafeEntries  the first offenders, in archive order (at most the inspector's limit)
 * @param unsafeCount    all offenders
 * @param tree           what extracting it must produce: path count and sampled files (see {@link ExtractionCheck})
 */
public record ArchiveInventory(
        String archive,
        ArchiveFormat format,
        long entryCount,
        long totalSize,
        Map<EntryType, Long> counts,
        OsRelease osRelease,
        boolean hasDnf,
        boolean hasRpm,
        Set<String> notablePaths,
        List<UnsafeEntry> unsafeEntries,
        long unsafeCount,
        TreeSample tree) {

    /** Paths whose presence the inventory records. */
    public static final List<String> NOTABLE_PATHS = List.of(
            "usr/bin/dnf", "usr/bin/dnf-3", "usr/bin/rpm", "usr/bin/microdnf", "usr/bin/bash",
            "bin/sh", "bin/freebsd-version", "etc/system-release", "etc/os-release", "usr/lib/os-release");

    public ArchiveInventory {
        var all = new EnumMap<EntryType, Long>(EntryType.class);
        for (EntryType t : EntryType.values()) {
            all.put(t, counts.getOrDefault(t, 0L));
        }
        counts = Map.copyOf(all);
        notablePaths = Set.copyOf(notablePaths);
        unsafeEntries = List.copyOf(unsafeEntries);
    }

    public long count(EntryType type) {
        return counts.get(type);
    }

    public boolean has(String notablePath) {
        return notablePaths.contains(notablePath);
    }

    public boolean isSafe() {
        return unsafeCount == 0;
    }

    /** For a progress line: {@code "10,578 entries, 286.1 MiB in 8,117 files"}. */
    public String describeSize() {
        return String.format(java.util.Locale.ROOT, "%,d entries, %s in %,d files", entryCount,
                ArchiveStreams.mib(totalSize), count(EntryType.FILE));
    }
}
