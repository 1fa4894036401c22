package dev.jailspec.sim;

import dev.jailspec.host.FileStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What tar left in a directory, one line per path, comparable between the simulator and real
 * bsdtar: type, mode with setuid/setgid/sticky, uid, gid, the symlink's target, the first path
 * of its hard-link group (by inode) and its link count, and the sha256 of a regular file.
 */
record TreeSnapshot(Map<String, String> entries) {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** Owner and mode of one path: from the real file for bsdtar, from the sim's stat for the simulator. */
    record Owner(int mode, int uid, int gid) {
    }

    /** A real directory written by real bsdtar running as root: the kernel holds modes and owners. */
    static TreeSnapshot ofReal(Path root) {
        return of(root, p -> {
            try {
                int mode = (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
                return new Owner(mode, (Integer) Files.getAttribute(p, "unix:uid", NOFOLLOW),
                        (Integer) Files.getAttribute(p, "unix:gid", NOFOLLOW));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The simulator's tree: structure from the real directory the sim keeps it in, modes and
     * owners from {@link SimHost#stat} (the sim keeps what the JVM cannot write in FileMetadata).
     */
    static TreeSnapshot ofSim(SimHost host, Path hostRoot, String simDir) {
        Path root = hostRoot.resolve(simDir.substring(1));
        return of(root, p -> {
            String rel = root.relativize(p).toString();
            FileStat st = host.stat(rel.isEmpty() ? simDir : simDir + "/" + rel).orElseThrow();
            return new Owner(st.mode() & 07777, st.uid(), st.gid());
        });
    }

    private static TreeSnapshot of(Path root, Function<Path, Owner> owners) {
        Map<String, String> out = new TreeMap<>();
        Map<Object, String> firstByInode = new HashMap<>();
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path p : paths) {
            String rel = root.relativize(p).toString();
            rel = rel.isEmpty() ? "." : rel;
            out.put(rel, describe(p, rel, owners.apply(p), firstByInode));
        }
        return new TreeSnapshot(out);
    }

    private static String describe(Path p, String rel, Owner o, Map<Object, String> firstByInode) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, NOFOLLOW);
            String type = a.isDirectory() ? "dir" : a.isSymbolicLink() ? "symlink" : a.isRegularFile() ? "file" : "other";
            StringBuilder b = new StringBuilder(type)
                    .append(String.format(" mode=%04o uid=%d gid=%d", o.mode(), o.uid(), o.gid()));
            if (a.isSymbolicLink()) {
                b.append(" -> ").append(Files.readSymbolicLink(p));
            }
            if (a.isRegularFile()) {
                int nlink = (Integer) Files.getAttribute(p, "unix:nlink", NOFOLLOW);
                String first = firstByInode.putIfAbsent(Files.getAttribute(p, "unix:ino", NOFOLLOW), rel);
                b.append(" size=").append(a.size()).append(" nlink=").append(nlink);
                if (first != null) {
                    b.append(" hardlink=").append(first);
                }
                b.append(" sha256=").append(sha256(p));
            }
            return b.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
