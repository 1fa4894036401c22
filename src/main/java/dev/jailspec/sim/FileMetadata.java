package dev.jailspec.sim;

import dev.jailspec.host.FileStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;

/**
 * The sim's own store of what a real FreeBSD file system keeps but this JVM cannot write: the
 * setuid, setgid and sticky bits, an owner other than the one running the JVM, and modes
 * without the owner's write bit (the simulation keeps those set on real files, see
 * {@link SimFileSystem#setMode}). Entries live in {@link SimState#fileMeta}, keyed by the
 * file's host path, and carry a fingerprint of the real file (inode, and size and mtime for
 * regular files) so a file that was replaced since does not inherit them.
 *
 * <p>Only differences are stored: a root-owned file whose real permission bits are its mode has
 * no entry. Copies made by {@link Trees} (ZFS snapshots and clones) do not carry entries.
 */
final class FileMetadata {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private FileMetadata() {
    }

    /** Records what {@code real} should report; forgets it when the real file already says so. */
    static void record(SimMachine m, Path real, int uid, int gid, int mode) throws IOException {
        String key = m.hostFs().simPath(real);
        int realMode = SimFileSystem.modeOf(Files.readAttributes(real, PosixFileAttributes.class, NOFOLLOW).permissions());
        if (uid == 0 && gid == 0 && (mode & 07777) == realMode) {
            m.state().fileMeta.remove(key);
            return;
        }
        SimState.FileMeta meta = new SimState.FileMeta();
        meta.uid = uid;
        meta.gid = gid;
        meta.mode = mode & 07777;
        meta.fingerprint = fingerprint(real);
        m.state().fileMeta.put(key, meta);
    }

    /** The recorded owner and mode of {@code real}, if any and still valid. */
    static Optional<SimState.FileMeta> lookup(SimState state, SimFileSystem hostFs, Path real) throws IOException {
        SimState.FileMeta meta = state.fileMeta.get(hostFs.simPath(real));
        if (meta == null || !Files.exists(real, NOFOLLOW) || !fingerprint(real).equals(meta.fingerprint)) {
            return Optional.empty();
        }
        return Optional.of(meta);
    }

    /** Makes {@code link} (a new hard link of {@code target}) report what {@code target} reports. */
    static void copy(SimMachine m, Path target, Path link) throws IOException {
        Optional<SimState.FileMeta> meta = lookup(m.state(), m.hostFs(), target);
        if (meta.isPresent()) {
            SimState.FileMeta copy = new SimState.FileMeta();
            copy.uid = meta.get().uid;
            copy.gid = meta.get().gid;
            copy.mode = meta.get().mode;
            copy.fingerprint = fingerprint(link);
            m.state().fileMeta.put(m.hostFs().simPath(link), copy);
        } else {
            m.state().fileMeta.remove(m.hostFs().simPath(link));
        }
    }

    /** lstat(2) of a host path with the recorded owner and mode applied (what {@link SimHost#stat} answers). */
    static Optional<FileStat> lstat(SimFileSystem hostFs, StateStore store, String absPath) throws IOException {
        Optional<FileStat> stat = hostFs.lstat(absPath);
        if (!store.exists()) {
            return stat;
        }
        SimState state = store.load();
        Optional<Integer> tmpfsMode = tmpfsRootMode(state, absPath);
        if (tmpfsMode.isPresent()) {
            // also when the mount point is a devfs node (dev/shm) that has no directory in the tree
            return Optional.of(new FileStat(absPath, FileStat.Type.DIRECTORY, 0, tmpfsMode.get(), 0, 0));
        }
        if (stat.isEmpty()) {
            return stat;
        }
        FileStat s = stat.get();
        if (state.fileMeta.isEmpty()) {
            return stat;
        }
        return Optional.of(lookup(state, hostFs, hostFs.resolveNoFollow(absPath))
                .map(meta -> new FileStat(s.path(), s.type(), s.size(), meta.mode, meta.uid, meta.gid))
                .orElse(s));
    }

    /**
     * A mounted tmpfs hides the directory below it: its root has the mode of the mount's
     * {@code mode=} option (tmpfs(5); 1777 for the Linux jail's dev/shm), owned by root. Without
     * the option tmpfs copies the mount point's mode, which the normal lookup already gives.
     */
    private static Optional<Integer> tmpfsRootMode(SimState state, String absPath) {
        String path = absPath.replaceAll("/+$", "");
        for (SimState.MountState m : state.mounts) {
            if ("tmpfs".equals(m.fstype) && path.equals(m.mountpoint)) {
                return m.options.stream().filter(o -> o.startsWith("mode="))
                        .map(o -> Integer.parseInt(o.substring(5), 8)).findFirst();
            }
        }
        return Optional.empty();
    }

    private static String fingerprint(Path real) throws IOException {
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, NOFOLLOW);
        String key = String.valueOf(a.fileKey());
        return a.isRegularFile() ? key + ":" + a.size() + ":" + a.lastModifiedTime().toMillis() : key;
    }
}
