package dev.jailspec.artifact;

import java.util.List;

/**
 * What extracting an archive must leave behind, for {@link ExtractionCheck}: how many paths it
 * makes and a bounded, deterministic sample of its regular files with their sizes.
 *
 * @param pathCount distinct paths the archive makes below the root (the root itself, absolute
 *                  and {@code ..} members not counted; a path written twice counts once)
 * @param stride    the sample holds every {@code stride}-th regular file, in archive order
 * @param files     at most {@link #MAX_FILES} regular files, each with the size extraction gives it
 */
public record TreeSample(long pathCount, long stride, List<SampledFile> files) {
    public static final int MAX_FILES = 64;
    public static final TreeSample EMPTY = new TreeSample(0, 1, List.of());

    /** A regular file of the archive, its path relative to the root. */
    public record SampledFile(String path, long size) {
    }

    public TreeSample {
        files = List.copyOf(files);
    }
}
