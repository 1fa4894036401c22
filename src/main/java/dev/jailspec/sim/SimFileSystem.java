package dev.jailspec.sim;

import dev.jailspec.host.FileStat;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A directory of this machine seen as the root of a FreeBSD file tree: the host's "/", or a
 * jail's root. Paths are resolved component by component, the way the kernel does it under
 * chroot: an absolute symlink target starts again at this root, never at the real "/". A path
 * that climbs above the root with {@code ..} is refused with {@link SimPathException}.
 *
 * <p>Java's own file calls follow symlinks against the real file system, so every access goes
 * through {@link #resolve} first and touches only paths that contain no symlink.
 */
final class SimFileSystem {
    private static final int MAX_SYMLINK_HOPS = 32;
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path realRoot;

    SimFileSystem(Path realRoot) {
        this.realRoot = realRoot;
    }

    Path realRoot() {
        return realRoot;
    }

    /** The file system a process chrooted to {@code absDir} sees (a jail's root). */
    SimFileSystem chroot(String absDir) throws IOException {
        return new SimFileSystem(resolve(absDir));
    }

    /** The real path of {@code absPath}, every symlink followed (the leaf need not exist). */
    Path resolve(String absPath) throws IOException {
        return resolve(absPath, true);
    }

    /** The real path of {@code absPath} with its parents resolved and the leaf itself not followed. */
    Path resolveNoFollow(String absPath) throws IOException {
        return resolve(absPath, false);
    }

    /** The path of a real file as this root sees it, e.g. {@code /etc/rc.conf}. */
    String simPath(Path real) {
        Path rel = realRoot.relativize(real);
        String s = rel.toString().replace('\\', '/');
        return s.isEmpty() ? "/" : "/" + s;
    }

    /** {@code path} made absolute against {@code cwd}, without resolving anything. */
    static String absolute(String cwd, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (cwd.endsWith("/") ? cwd : cwd + "/") + path;
    }

    private Path resolve(String absPath, boolean followLeaf) throws IOException {
        if (!absPath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + absPath);
        }
        Deque<String> todo = new ArrayDeque<>(components(absPath));
        List<String> done = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.equals("..")) {
                if (done.isEmpty()) {
                    throw new SimPathException("path " + absPath + " leaves the simulated root " + realRoot);
                }
                done.remove(done.size() - 1);
                continue;
            }
            Path candidate = join(done).resolve(c);
            boolean leaf = todo.isEmpty();
            if ((followLeaf || !leaf) && Files.isSymbolicLink(candidate)) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    throw new FileSystemException(absPath, null, "Too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(candidate).toString();
                List<String> targetComponents = components(target);
                for (int i = targetComponents.size() - 1; i >= 0; i--) {
                    todo.addFirst(targetComponents.get(i));
                }
                if (target.startsWith("/")) {
                    done.clear();
                }
                continue;
            }
            done.add(c);
        }
        return join(done);
    }

    private Path join(List<String> components) {
        Path p = realRoot;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty() && !c.equals(".")) {
                out.add(c);
            }
        }
        return out;
    }

    boolean exists(String absPath) throws IOException {
        return Files.exists(resolve(absPath), NOFOLLOW);
    }

    boolean isDirectory(String absPath) throws IOException {
        return Files.isDirectory(resolve(absPath), NOFOLLOW);
    }

    boolean isRegularFile(String absPath) throws IOException {
        return Files.isRegularFile(resolve(absPath), NOFOLLOW);
    }

    /** lstat(2): the leaf is not followed, so a symlink reports itself. */
    Optional<FileStat> lstat(String absPath) throws IOException {
        return statOf(absPath, resolveNoFollow(absPath));
    }

    /** stat(2): symlinks are followed. */
    Optional<FileStat> stat(String absPath) throws IOException {
        return statOf(absPath, resolve(absPath));
    }

    private static Optional<FileStat> statOf(String absPath, Path real) throws IOException {
        if (!Files.exists(real, NOFOLLOW)) {
            return Optional.empty();
        }
        PosixFileAttributes a = Files.readAttributes(real, PosixFileAttributes.class, NOFOLLOW);
        FileStat.Type type = a.isSymbolicLink() ? FileStat.Type.SYMLINK
                : a.isDirectory() ? FileStat.Type.DIRECTORY
                : a.isRegularFile() ? FileStat.Type.FILE : FileStat.Type.OTHER;
        return Optional.of(new FileStat(absPath, type, a.size(), modeOf(a.permissions()), 0, 0));
    }

    /** The names in a directory, sorted (as readdir order does not matter to the callers). */
    List<String> list(String absDir) throws IOException {
        try (var names = java.nio.file.Files.list(resolve(absDir))) {
            return names.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    byte[] read(String absPath) throws IOException {
        return Files.readAllBytes(resolve(absPath));
    }

    String readText(String absPath) throws IOException {
        return Files.readString(resolve(absPath));
    }

    /** Writes a whole file; the parent directory must exist. */
    void write(String absPath, byte[] content, int mode) throws IOException {
        Path real = resolve(absPath);
        Files.write(real, content);
        setMode(real, mode);
    }

    void writeText(String absPath, String content) throws IOException {
        Path real = resolve(absPath);
        boolean existed = Files.exists(real, NOFOLLOW);
        Files.writeString(real, content);
        if (!existed) {
            setMode(real, 0644);
        }
    }

    void append(String absPath, String content) throws IOException {
        Path real = resolve(absPath);
        boolean existed = Files.exists(real, NOFOLLOW);
        Files.writeString(real, content, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        if (!existed) {
            setMode(real, 0644);
        }
    }

    /** mkdir(2): the parent must exist and the leaf must not. */
    void mkdir(String absPath, int mode) throws IOException {
        Path real = resolveNoFollow(absPath);
        Files.createDirectory(real);
        setMode(real, mode);
    }

    /** Creates every missing directory of {@code absPath}, like {@code mkdir -p}. */
    void mkdirs(String absPath) throws IOException {
        String current = "";
        for (String c : components(absPath)) {
            current = current + "/" + c;
            Path real = resolve(current);
            if (!Files.exists(real, NOFOLLOW)) {
                Files.createDirectory(real);
                setMode(real, 0755);
            } else if (!Files.isDirectory(real, NOFOLLOW)) {
                throw new java.nio.file.NotDirectoryException(current);
            }
        }
    }

    /**
     * Sets permission bits as chmod(2) would. The simulation runs as an ordinary user who must
     * keep managing the tree, so the owner's read and write bits (and search bit on directories)
     * stay set on the real file; stat then reports them set.
     */
    static void setMode(Path real, int mode) throws IOException {
        boolean dir = Files.isDirectory(real, NOFOLLOW);
        int effective = mode | (dir ? 0700 : 0600);
        try {
            Files.setPosixFilePermissions(real, permissionsOf(effective));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: modes are not kept.
        }
    }

    static int modeOf(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= switch (p) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return mode;
    }

    static Set<PosixFilePermission> permissionsOf(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) {
                perms.add(order[i]);
            }
        }
        return perms;
    }
}
