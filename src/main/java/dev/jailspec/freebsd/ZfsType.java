package dev.jailspec.freebsd;

import java.util.Locale;

/** The {@code type} property of a dataset as {@code zfs list -o type} prints it. */
public enum ZfsType {
    FILESYSTEM, VOLUME, SNAPSHOT, BOOKMARK;

    /** The word zfs uses for {@code -t} and prints in the type column. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ZfsType parse(String word) {
        for (ZfsType t : values()) {
            if (t.word().equals(word)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown ZFS dataset type '" + word + "'");
    }
}
