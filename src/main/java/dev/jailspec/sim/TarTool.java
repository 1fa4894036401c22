package dev.jailspec.sim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * ({@code SECURE_NODOTDOT}), an existing file in the way is replaced (with or without -U).
 * Archives are streamed: nothing is read whole into memory.
 */
final class TarTool implements SimTool {
    /** _PATH_DEFTAPE on FreeBSD: what tar reads without -f (and TAPE unset). */
    static final String DEFAULT_TAPE = "/dev/sa0";
    private static final String SHORT_OPTIONS = "Bb:C:cf:HhI:JjkLlmnOoPpqrSs:T:tUuvW:wX:xyZz";
    /** Long options of bsdtar 3.7 (name, takes an argument, short equivalent or 0). */
    private static final Map<String, String> LONG = new LinkedHashMap<>();

    static {
        for (String o : new String[] {"absolute-paths:P", "acls", "append:r", "b64encode", "block-size=b", "bunzip2:j",
            "bzip:j", "bzip2:j", "cd=C", "check-links", "chroot", "clear-nochange-fflags", "compress:Z", "confirmation:w",
            "create:c", "dereference:L", "directory=C", "disable-copyfile", "exclude=", "exclude-from=X",
            "exclude-vcs", "extract:x", "fast-read:q", "fflags", "file=f", "files-from=T", "format=", "gid=",
            "gname=", "grzip", "gunzip:z", "gzip:z", "help", "hfsCompression", "ignore-zeros", "include=",
            "insecure:P", "interactive:w", "keep-newer-files", "keep-old-files:k", "list:t", "lrzip", "lz4",
            "lzip", "lzma", "lzop", "mac-metadata", "modification-time:m", "newer=", "newer-ctime=",
            "newer-ctime-than=", "newer-mtime=", "newer-mtime-than=", "newer-than=", "no-acls", "no-fflags",
            "no-mac-metadata", "no-read-sparse", "no-recursion:n", "no-safe-writes", "no-same-owner",
            "no-same-permissions", "no-xattrs", "nodump", "nopreserveHFSCompression", "norecurse:n", "null",
            "numeric-owner", "older=", "older-ctime=", "older-ctime-than=", "older-mtime=", "older-mtime-than=",
            "older-than=", "one-file-system", "options=", "passphrase=", "posix", "preserve-permissions:p",
            "read-full-blocks:B", "read-sparse", "safe-writes", "same-owner", "same-permissions:p",
            "strip-components=", "to-stdout:O", "totals", "uid=", "uname=", "uncompress:Z", "unlink:U",
            "unlink-first:U", "update:u", "use-compress-program=", "uuencode", "verbose:v", "version", "xattrs",
            "xz:J", "zstd"}) {
            int cut = Math.max(o.indexOf(':'), o.indexOf('='));
            String name = cut < 0 ? o : o.substring(0, cut);
            String value = cut < 0 ? "" : o.substring(cut); // ":x" short equivalent, "=" or "=x" takes an argument
            LONG.put(name, value);
        }
    }

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

    /** lafe_errc(1, ...): the message and exit 1 at once, no "Error exit delayed". */
    private static final class Fatal extends Exception {
        Fatal(String message) {
            super(message);
        }
    }

    private static final class Options {
        char mode;
        String file = DEFAULT_TAPE;
        String chdir;
        boolean unlink;
        int verbose;
        List<String> patterns = new ArrayList<>();
    }

    @Override
    public int run(Invocation inv) throws IOException {
        String prog = inv.program().substring(inv.program().lastIndexOf('/') + 1);
        Options o;
        try {
            o = parse(inv.args(), prog, inv);
            if (o == null) {
                usage(inv, prog);
                return 1;
            }
            return new Run(inv, prog, o).go();
        } catch (Fatal f) {
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

    /** bsdtar_getopt() and main()'s option switch; null means usage(). */
    private static Options parse(List<String> args, String prog, Invocation inv) throws Fatal {
        Options o = new Options();
        List<String[]> opts = new ArrayList<>(); // {option, argument}
        int i = 0;
        if (!args.isEmpty() && !args.get(0).startsWith("-")) {
            String bundle = args.get(0);
            i = 1;
            for (char c : bundle.toCharArray()) {
                int at = SHORT_OPTIONS.indexOf(c);
                if (at < 0) {
                    return null;
                }
                String arg = null;
                if (at + 1 < SHORT_OPTIONS.length() && SHORT_OPTIONS.charAt(at + 1) == ':') {
                    if (i >= args.size()) {
                        inv.err(prog + ": Option " + c + " requires an argument");
                        return null;
                    }
                    arg = args.get(i++);
                }
                opts.add(new String[] {String.valueOf(c), arg});
            }
        }
        while (i < args.size()) {
            String w = args.get(i);
            if (!w.startsWith("-") || w.equals("-")) {
                break;
            }
            i++;
            if (w.equals("--")) {
                break;
            }
            if (w.startsWith("--")) {
                String body = w.substring(2);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                String arg = eq < 0 ? null : body.substring(eq + 1);
                String match = null;
                String match2 = null;
                for (String known : LONG.keySet()) {
                    if (known.startsWith(name) && !name.isEmpty()) {
                        if (known.equals(name)) {
                            match = known;
                            match2 = null;
                            break;
                        }
                        match2 = match;
                        match = known;
                    }
                }
                if (match == null) {
                    inv.err(prog + ": Option --" + body + " is not supported");
                    return null;
                }
                if (match2 != null) {
                    inv.err(prog + ": Ambiguous option --" + body + " (matches --" + match2 + " and --" + match + ")");
                    return null;
                }
                String spec = LONG.get(match);
                boolean required = spec.startsWith("=");
                if (required && arg == null) {
                    if (i >= args.size()) {
                        inv.err(prog + ": Option --" + match + " requires an argument");
                        return null;
                    }
                    arg = args.get(i++);
                } else if (!required && arg != null) {
                    inv.err(prog + ": Option --" + match + " does not allow an argument");
                    return null;
                }
                String shortName = spec.length() == 2 ? spec.substring(1) : "--" + match;
                opts.add(new String[] {shortName, arg});
                continue;
            }
            for (int j = 1; j < w.length(); j++) {
                char c = w.charAt(j);
                int at = SHORT_OPTIONS.indexOf(c);
                if (at < 0 || c == ':') {
                    return null;
                }
                if (at + 1 < SHORT_OPTIONS.length() && SHORT_OPTIONS.charAt(at + 1) == ':') {
                    String arg;
                    if (j + 1 < w.length()) {
                        arg = w.substring(j + 1);
                    } else if (i < args.size()) {
                        arg = args.get(i++);
                    } else {
                        inv.err(prog + ": Option -" + c + " requires an argument");
                        return null;
                    }
                    opts.add(new String[] {String.valueOf(c), arg});
                    break;
                }
                opts.add(new String[] {String.valueOf(c), null});
            }
        }
        o.patterns.addAll(args.subList(i, args.size()));
        boolean helpRequest = false;
        for (String[] opt : opts) {
            switch (opt[0]) {
                case "x", "t" -> setMode(o, opt[0].charAt(0));
                case "c", "r", "u" -> throw new SimUnsupportedException(prog + " -" + opt[0] + " (the simulator only reads archives)");
                case "f" -> o.file = opt[1];
                case "C" -> {
                    if (opt[1].isEmpty()) {
                        throw new Fatal("Meaningless option: -C ''");
                    }
                    o.chdir = setChdir(o.chdir, opt[1]);
                }
                case "p" -> {
                    // root's bsdtar restores permissions anyway
                }
                case "U" -> o.unlink = true;
                case "v" -> o.verbose++;
                case "h" -> helpRequest = true;
                default -> throw new SimUnsupportedException(prog + " option " + (opt[0].length() == 1 ? "-" : "") + opt[0]);
            }
        }
        if (o.mode == 't') {
            o.verbose++; // bsdtar counts -t as one level of verbosity
        }
        if (o.mode == '\0' && helpRequest) {
            throw new SimUnsupportedException(prog + " --help text");
        }
        if (helpRequest) {
            throw new SimUnsupportedException(prog + " -h (follow symlinks) is for creating archives");
        }
        if (o.mode == '\0') {
            throw new Fatal("Must specify one of -c, -r, -t, -u, -x");
        }
        if (o.unlink && o.mode != 'x') {
            throw new Fatal("Option -U is not permitted in mode -" + o.mode);
        }
        return o;
    }

    private static void setMode(Options o, char opt) throws Fatal {
        if (o.mode != '\0' && o.mode != opt) {
            throw new Fatal("Can't specify both -" + opt + " and -" + o.mode);
        }
        o.mode = opt;
    }

    /** set_chdir(): an absolute -C replaces the pending one, a relative one is appended. */
    private static String setChdir(String pending, String dir) {
        if (dir.startsWith("/") || pending == null) {
            return dir;
        }
        return (pending.endsWith("/") ? pending.substring(0, pending.length() - 1) : pending) + "/" + dir;
    }

    /** One run of tar -x or -t. */
    private static final class Run {
        private final Invocation inv;
        private final String prog;
        private final Options o;
        private final SimFileSystem fs;
        private String baseDir;
        private boolean warnedLeadSlash;
        private int status;
        private final List<Object[]> dirFixups = new ArrayList<>(); // {real Path, Entry}
        private final boolean[] matched;

        Run(Invocation inv, String prog, Options o) {
            this.inv = inv;
            this.prog = prog;
            this.o = o;
            this.fs = inv.fs();
            this.matched = new boolean[o.patterns.size()];
        }

        int go() throws IOException, Fatal {
            for (String p : o.patterns) {
                if (p.matches(".*[*?\\[].*")) {
                    throw new SimUnsupportedException(prog + " with a wildcard pattern (" + p + ")");
                }
            }
            try (InputStream raw = openArchive()) {
                InputStream data = ArchiveFilters.open(raw);
                java.io.BufferedInputStream peek = new java.io.BufferedInputStream(data, TarReader.RECORD * 2);
                peek.mark(TarReader.RECORD);
                byte[] head;
                try {
                    head = peek.readNBytes(TarReader.RECORD);
                } catch (TarReader.Failure f) {
                    throw new SimUnsupportedException(prog + ": the compressed stream fails before its first tar header ("
                            + f.getMessage() + "); what libarchive's format bidding prints then is not modelled");
                }
                peek.reset();
                if (head.length > 0 && !TarReader.looksLikeTar(head)) {
                    throw new Fatal("Error opening archive: Unrecognized archive format");
                }
                chdir();
                if (head.length > 0) {
                    readAll(new TarReader(peek));
                }
            }
            fixupDirectories();
            for (int i = 0; i < matched.length; i++) {
                if (!matched[i]) {
                    inv.err(prog + ": " + o.patterns.get(i) + ": Not found in archive");
                    status = 1;
                }
            }
            if (status != 0) {
                inv.err(prog + ": Error exit delayed from previous errors.");
            }
            return status;
        }

        /** archive_read_open_filename(): "-" is standard input. */
        private InputStream openArchive() throws IOException, Fatal {
            if (o.file.equals("-")) {
                return new ByteArrayInputStream(inv.stdin());
            }
            Path real;
            try {
                real = fs.resolve(inv.abs(o.file));
            } catch (IOException e) {
                throw new Fatal("Error opening archive: Failed to open '" + o.file + "'");
            }
            if (!Files.exists(real)) {
                throw new Fatal("Error opening archive: Failed to open '" + o.file + "'");
            }
            if (Files.isDirectory(real)) {
                throw new SimUnsupportedException(prog + " -f on a directory (" + o.file + ")");
            }
            return Files.newInputStream(real);
        }

        /** do_chdir(): after the archive is open, before the first member. */
        private void chdir() throws IOException, Fatal {
            String dir = o.chdir == null ? inv.cwd() : inv.abs(o.chdir);
            boolean ok;
            try {
                ok = Files.isDirectory(fs.resolve(dir));
            } catch (SimPathException e) {
                ok = false;
            }
            if (!ok) {
                throw new Fatal("could not chdir to '" + o.chdir + "'");
            }
            baseDir = dir;
        }

        private void readAll(TarReader reader) throws IOException {
            while (true) {
                TarReader.Entry e;
                try {
                    e = reader.next();
                } catch (TarReader.Failure f) {
                    inv.err(prog + ": " + f.getMessage());
                    status = 1;
                    return;
                }
                if (e == null) {
                    return;
                }
                if (!selected(e.name())) {
                    continue;
                }
                String name = stripAbsolute(e.name());
                if (name.isEmpty()) {
                    name = ".";
                }
                String link = e.link();
                if (e.type() == '1') {
                    link = stripAbsolute(link);
                    if (link.isEmpty()) {
                        continue;
                    }
                }
                if (o.mode == 't') {
                    if (o.verbose > 1) {
                        throw new SimUnsupportedException(prog + " -tv (the long listing)");
                    }
                    inv.out(name);
                    continue;
                }
                if (!extract(reader, e, name, link)) {
                    return; // ARCHIVE_FATAL
                }
            }
        }

        /** archive_match: an operand selects a member of that name or below it. */
        private boolean selected(String memberName) {
            if (o.patterns.isEmpty()) {
                return true;
            }
            String m = trimSlashes(memberName);
            boolean any = false;
            for (int i = 0; i < o.patterns.size(); i++) {
                String p = trimSlashes(o.patterns.get(i));
                if (m.equals(p) || m.startsWith(p + "/")) {
                    matched[i] = true;
                    any = true;
                }
            }
            return any;
        }

        private static String trimSlashes(String s) {
            String t = s;
            while (t.startsWith("./")) {
                t = t.substring(2);
            }
            while (t.endsWith("/") && t.length() > 1) {
                t = t.substring(0, t.length() - 1);
            }
            return t;
        }

        /** strip_absolute_path() of tar/util.c: leading "/", "/./" and "/../" go, with one warning. */
        private String stripAbsolute(String p) {
            String s = p;
            while (s.startsWith("/")) {
                if (s.startsWith("/../")) {
                    s = s.substring(3);
                } else if (s.startsWith("/./")) {
                    s = s.substring(2);
                } else {
                    s = s.substring(1);
                }
                if (!warnedLeadSlash) {
                    inv.err(prog + ": Removing leading '/' from member names");
                    warnedLeadSlash = true;
                }
            }
            return s;
        }

        /** Extracts one member; returns false when bsdtar would stop (ARCHIVE_FATAL). */
        private boolean extract(TarReader reader, TarReader.Entry e, String name, String link) throws IOException {
            if (o.verbose > 0) {
                inv.out().err("x " + name);
            }
            String problem = null;
            String errno = "Unknown error: -1"; // strerror(ARCHIVE_ERRNO_MISC) on FreeBSD
            Path real = null;
            if (hasDotDot(name)) {
                problem = "Path contains '..'";
            } else if (e.type() == '1' && hasDotDot(link)) {
                problem = "Path contains '..'";
            } else {
                real = prepare(name);
                if (e.type() == '1') {
                    Path target = fs.resolveNoFollow(SimFileSystem.absolute(baseDir, link));
                    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        problem = "Hard-link target '" + link + "' does not exist.";
                        errno = Errno.ENOENT;
                    } else {
                        replace(real, false);
                        Files.createLink(real, target);
                        FileMetadata.copy(inv.machine(), target, real);
                    }
                }
            }
            if (problem != null) {
                inv.out().err((o.verbose > 0 ? "" : name) + ": " + problem + ": " + errno);
                inv.out().err("\n");
                status = 1;
                return true;
            }
            try {
                switch (e.type()) {
                    case '1' -> {
                        // done above
                    }
                    case '2' -> {
                        replace(real, false);
                        Files.createSymbolicLink(real, Path.of(link));
                    }
                    case '5' -> directory(real, e);
                    case '0', '\0', '7' -> {
                        if (e.name().endsWith("/")) {
                            directory(real, e);
                        } else {
                            file(reader, real, e);
                        }
                    }
                    default -> throw new SimUnsupportedException(prog + ": extracting a device node or fifo (" + name + ")");
                }
            } catch (TarReader.Failure f) {
                inv.out().err((o.verbose > 0 ? "" : name) + ": " + f.getMessage() + ": Unknown error: -1\n");
                status = 1;
                return false;
            }
            if (o.verbose > 0) {
                inv.out().err("\n");
            }
            return true;
        }

        private static boolean hasDotDot(String path) {
            for (String c : path.split("/")) {
                if (c.equals("..")) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The real path of a member, its missing parent directories made (mode 0755). A symlink
         * in the way of a parent is removed with -U (check_symlinks() of archive_write_disk).
         */
        private Path prepare(String name) throws IOException {
            String abs = SimFileSystem.absolute(baseDir, name);
            List<String> parts = new ArrayList<>();
            for (String c : name.split("/")) {
                if (!c.isEmpty() && !c.equals(".")) {
                    parts.add(c);
                }
            }
            String current = baseDir;
            for (int i = 0; i < parts.size() - 1; i++) {
                current = SimFileSystem.absolute(current, parts.get(i));
                Path p = fs.resolveNoFollow(current);
                if (Files.isSymbolicLink(p)) {
                    if (!o.unlink) {
                        throw new SimUnsupportedException(prog + ": extracting " + name + " through the symlink " + current
                                + " (bsdtar refuses: Cannot extract through symlink)");
                    }
                    Files.delete(p);
                }
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(p);
                    SimFileSystem.setMode(p, 0755);
                } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new SimUnsupportedException(prog + ": a file where " + name + " needs a directory");
                }
            }
            return fs.resolveNoFollow(abs);
        }

        /** Removes a non-directory in the way (with -U first, else after EEXIST: the same result). */
        private void replace(Path real, boolean forDirectory) throws IOException {
            if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                if (forDirectory) {
                    return;
                }
                try (var entries = Files.list(real)) {
                    if (entries.findAny().isPresent()) {
                        throw new SimUnsupportedException(prog + ": replacing the non-empty directory " + fs.simPath(real)
                                + " with a non-directory");
                    }
                }
                Files.delete(real);
                return;
            }
            Files.deleteIfExists(real);
        }

        private void directory(Path real, TarReader.Entry e) throws IOException {
            replace(real, true);
            if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(real);
                SimFileSystem.setMode(real, 0700);
            }
            dirFixups.add(new Object[] {real, e}); // modes and times of directories are set last
        }

        private void file(TarReader reader, Path real, TarReader.Entry e) throws IOException {
            replace(real, false);
            try (OutputStream out = Files.newOutputStream(real, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = reader.read(buf, 0, buf.length)) > 0) {
                    out.write(buf, 0, n);
                }
            }
            reader.finishData();
            SimFileSystem.setMode(real, e.mode());
            Files.setLastModifiedTime(real, FileTime.fromMillis(e.mtime() * 1000));
            FileMetadata.record(inv.machine(), real, (int) e.uid(), (int) e.gid(), e.mode());
        }

        private void fixupDirectories() throws IOException {
            for (int i = dirFixups.size() - 1; i >= 0; i--) {
                Path real = (Path) dirFixups.get(i)[0];
                TarReader.Entry e = (TarReader.Entry) dirFixups.get(i)[1];
                if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                SimFileSystem.setMode(real, e.mode());
                Files.setLastModifiedTime(real, FileTime.fromMillis(e.mtime() * 1000));
                FileMetadata.record(inv.machine(), real, (int) e.uid(), (int) e.gid(), e.mode());
            }
        }
    }
}
