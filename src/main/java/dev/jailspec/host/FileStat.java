package dev.jailspec.host;

/** What {@link Host#stat} knows of a path; {@code mode} holds the permission and special bits. */
public record FileStat(String path, Type type, long size, int mode, int uid, int gid) {
    public enum Type { FILE, DIRECTORY, SYMLINK, OTHER }

    public boolean isDirectory() {
        return type == Type.DIRECTORY;
    }
}
