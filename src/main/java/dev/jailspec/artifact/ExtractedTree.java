package dev.jailspec.artifact;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An extracted directory tree as {@link ExtractionCheck} sees it: stat by absolute path
 * (symlinks not followed) and directory listings. Provisioning backs it with the host's
 * {@code stat} and {@code list}; tests with a map or a local directory.
 */
public interface ExtractedTree {
    /** What is at a path: a regular file (with its size), a directory, or something else (symlink, device, fifo). */
    record Stat(boolean regularFile, boolean directory, long size) {
        public String describe() {
            return regularFile ? "a regular file of " + size + " bytes" : directory ? "a directory" : "a non-regular file";
        }
    }

    /** The path's type and size, or empty when nothing is there; a symlink is not followed. */
    Optional<Stat> stat(String absolutePath);

    /** The names in a directory; empty when it is not one. */
    List<String> list(String absoluteDir);

    static ExtractedTree of(Function<String, Optional<Stat>> stat, Function<String, List<String>> list) {
        Objects.requireNonNull(stat, "stat");
        Objects.requireNonNull(list, "list");
        return new ExtractedTree() {
            @Override
            public Optional<Stat> stat(String absolutePath) {
                return stat.apply(absolutePath);
            }

            @Override
            public List<String> list(String absoluteDir) {
                return list.apply(absoluteDir);
            }
        };
    }
}
