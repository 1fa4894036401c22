package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * rm(1) of bin/rm (not in freebsd-facts): {@code rm [-f] [-rR] [-v] file ...}; a directory without
 * -r is {@code rm: X: is a directory}. A directory something is mounted on cannot be
 * removed ({@code Device busy}), as on FreeBSD.
 */
final class RmTool implements SimTool {
    static final String USAGE = "usage: rm [-f | -i] [-dIPRrvWx] file ...\n       unlink [-fh] file";
    private static final int EX_USAGE = 64;

    @Override
    public String name() {
        return "rm";
    }

    @Override
    public List<String> paths() {
        return List.of("/bin/rm");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        Optional<Getopt> parsed = Getopt.parseOrUsage(inv, "rm", "dfiIPRrvWx", USAGE);
        if (parsed.isEmpty()) {
            return EX_USAGE;
        }
        Getopt g = parsed.get();
        g.refuseUnsupported("rm", "diIPWx");
        boolean force = g.has('f');
        boolean recursive = g.has('r') || g.has('R');
        if (g.operands().isEmpty()) {
            if (force) {
                return 0;
            }
            inv.err(USAGE);
            return EX_USAGE;
        }
        int status = 0;
        Set<Path> mountPoints = MountTable.realMountPoints(inv.machine());
        for (String name : g.operands()) {
            Path real = inv.fs().resolveNoFollow(inv.abs(name));
            if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
                if (!force) {
                    inv.err("rm: " + name + ": " + Errno.ENOENT);
                    status = 1;
                }
                continue;
            }
            if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                if (!recursive) {
                    inv.err("rm: " + name + ": is a directory");
                    status = 1;
                    continue;
                }
                if (!removeTree(inv, real, name, mountPoints)) {
                    status = 1;
                }
                continue;
            }
            Files.delete(real);
            if (g.has('v')) {
                inv.out(name);
            }
        }
        return status;
    }

    /** fts-style removal: contents first; a mount point is emptied but stays ({@code Device busy}). */
    private static boolean removeTree(Invocation inv, Path dir, String shown, Set<Path> mountPoints) throws IOException {
        boolean ok = true;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String childShown = shown.endsWith("/") ? shown + e.getFileName() : shown + "/" + e.getFileName();
                if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
                    ok &= removeTree(inv, e, childShown, mountPoints);
                } else {
                    Files.delete(e);
                }
            }
        }
        if (mountPoints.contains(dir)) {
            inv.err("rm: " + shown + ": " + Errno.EBUSY);
            return false;
        }
        if (!ok) {
            inv.err("rm: " + shown + ": Directory not empty");
            return false;
        }
        Files.delete(dir);
        return true;
    }
}
