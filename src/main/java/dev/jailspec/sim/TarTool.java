package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;

/**
 * bsdtar(1) as FreeBSD's /usr/bin/tar, reading only (the handbook's
 * {@code tar -xf base.txz -C <dir> --unlink}, freebsd-facts 4.4 and 6.1): {@code -x} and {@code -t} with {@code -f},
 * {@code -C}, {@code -p}, {@code -U/--unlink}, {@code -v} and member patterns, on xz, gzip or
 * plain tar (told by magic bytes). Sources: libarchive {@code tar/bsdtar.c}, {@code tar/cmdline.c},
 * {@code tar/read.c}, {@code tar/util.c} and {@code libarchive/archive_write_disk_posix.c}.
 *
 * <p>The simulated tar runs as root, so (as bsdtar does for root) it restores owners and modes,
 * setuid/setgid/sticky included. What the JVM cannot put on the real file is kept in
 * {@link FileMetadata}. Leading '/' is stripped with one warning, '..' members are refused
 * ({@code SECURE_NODOTDOT}), a member or hard-link target through a symlink is refused without -U
 * ({@code SECURE_SYMLINKS}), an existing file in the way is replaced (with or without -U).
 * Archives are streamed: nothing is read whole into memory.
 *
 * <p>The command line is {@link TarOptions}, one run of it {@link TarExtraction}.
 */
final class TarTool implements SimTool {
    @Override
    public String name() {
        return "tar";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/tar", "/usr/bin/bsdtar");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        String prog = inv.program().substring(inv.program().lastIndexOf('/') + 1);
        TarOptions o;
        try {
            o = TarOptions.parse(inv.args(), prog, inv::err);
            if (o == null) {
                usage(inv, prog);
                return 1;
            }
            return new TarExtraction(inv, prog, o).go();
        } catch (TarFatal f) {
            inv.err(prog + ": " + f.getMessage());
            return 1;
        }
    }

    private static void usage(Invocation inv, String p) {
        inv.err("Usage:");
        inv.err("  List:    " + p + " -tf <archive-filename>");
        inv.err("  Extract: " + p + " -xf <archive-filename>");
        inv.err("  Create:  " + p + " -cf <archive-filename> [filenames...]");
        inv.err("  Help:    " + p + " --help");
    }
}
