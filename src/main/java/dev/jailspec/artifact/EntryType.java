package dev.jailspec.artifact;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** What kind of file a tar entry makes. */
public enum EntryType {
    FILE, DIRECTORY, SYMLINK, HARDLINK, DEVICE, FIFO, OTHER;

    public static EntryType of(TarArchiveEntry e) {
        if (e.isSymbolicLink()) {
            return SYMLINK;
        }
        if (e.isLink()) {
            return HARDLINK;
        }
        if (e.isDirectory()) {
            return DIRECTORY;
        }
        if (e.isCharacterDevice() || e.isBlockDevice()) {
            return DEVICE;
        }
        if (e.isFIFO()) {
            return FIFO;
        }
        if (e.isFile()) {
            return FILE;
        }
        return OTHER;
    }
}
