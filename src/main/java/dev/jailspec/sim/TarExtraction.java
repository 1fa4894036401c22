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
import java.util.List;

/**
 * One run of the simulated {@code tar -x} or {@code tar -t} on parsed {@link TarOptions}: opens
 * the archive (libarchive's {@code tar/read.c}), changes to -C after the archive is open, lists
 * or extracts each selected member as {@code libarchive/archive_write_disk_posix.c} does for
 * root (owners restored by name through {@link TarOwners}, modes restored, leading '/' stripped with one warning, '..' refused, an
 * existing file in the way replaced, directory modes and times set last), and reports patterns
 * that matched nothing.
 */
final class TarExtraction {
    private final Invocation inv;
    private final String prog;
    private final TarOptions o;
    private final SimFileSystem fs;
    private String baseDir;
    private int status;
    private final List<Object[]> dirFixups = new ArrayList<>(); // {real Path, Entry}
    private final TarMemberNames names;
    private final TarOwners owners;

    TarExtraction(Invocation inv, String prog, TarOptions o) {
        this.inv = inv;
        this.prog = prog;
        this.o = o;
        this.fs = inv.fs();
        this.names = new TarMemberNames(o.patterns, line -> inv.err(prog + ": " + line));
        this.owners = o.numericOwner ? TarOwners.numeric() : TarOwners.lookingUpIn(fs);
    }

    int go() throws IOException, TarFatal {
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
                throw new TarFatal("Error opening archive: Unrecognized archive format");
            }
            chdir();
            if (head.length > 0) {
                readAll(new TarReader(peek));
            }
        }
        fixupDirectories();
        for (String unmatched : names.unmatchedPatterns()) {
            inv.err(prog + ": " + unmatched + ": Not found in archive");
            status = 1;
        }
        if (status != 0) {
            inv.err(prog + ": Error exit delayed from previous errors.");
        }
        return status;
    }

    /** archive_read_open_filename(): "-" is standard input. */
    private InputStream openArchive() throws IOException, TarFatal {
        if (o.file.equals("-")) {
            return new ByteArrayInputStream(inv.stdin());
        }
        Path real;
        try {
            real = fs.resolve(inv.abs(o.file));
        } catch (IOException e) {
            throw new TarFatal("Error opening archive: Failed to open '" + o.file + "'");
        }
        if (!Files.exists(real)) {
            throw new TarFatal("Error opening archive: Failed to open '" + o.file + "'");
        }
        if (Files.isDirectory(real)) {
            throw new SimUnsupportedException(prog + " -f on a directory (" + o.file + ")");
        }
        return Files.newInputStream(real);
    }

    /** do_chdir(): after the archive is open, before the first member. */
    private void chdir() throws IOException, TarFatal {
        String dir = o.chdir == null ? inv.cwd() : inv.abs(o.chdir);
        boolean ok;
        try {
            ok = Files.isDirectory(fs.resolve(dir));
        } catch (SimPathException e) {
            ok = false;
        }
        if (!ok) {
            throw new TarFatal("could not chdir to '" + o.chdir + "'");
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
            if (!names.selected(e.name())) {
                continue;
            }
            String name = names.stripAbsolute(e.name());
            if (name.isEmpty()) {
                name = ".";
            }
            String link = e.link();
            if (e.type() == '1') {
                link = names.stripAbsolute(link);
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

    /** Extracts one member; returns false when bsdtar would stop (ARCHIVE_FATAL). */
    private boolean extract(TarReader reader, TarReader.Entry e, String name, String link) throws IOException {
        if (o.verbose > 0) {
            inv.out().err("x " + name);
        }
        String problem = null;
        String errno = "Unknown error: -1"; // strerror(ARCHIVE_ERRNO_MISC) on FreeBSD
        Path real = null;
        if (TarMemberNames.hasDotDot(name)) {
            problem = "Path contains '..'";
        } else if (e.type() == '1' && TarMemberNames.hasDotDot(link)) {
            problem = "Path contains '..'";
        } else if (!o.unlink && symlinkInPath(name) != null) {
            // check_symlinks_fsobj() without -P or -U: fsobj_error(..., 0, "Cannot extract through symlink ",
            // path), errno 0 (libarchive/archive_write_disk_posix.c@v3.6.2 and @v3.7.9).
            problem = "Cannot extract through symlink " + name;
            errno = Errno.NONE;
        } else if (e.type() == '1' && symlinkInPath(link) != null) {
            if (o.unlink) {
                throw new SimUnsupportedException(prog + " -U: a hard link " + name + " whose target " + link
                        + " runs through a symlink (libarchive removes the symlink)");
            }
            // create_filesystem_object(): the link name is checked too, check_symlinks_fsobj(linkname, ..., 1).
            problem = "Cannot extract through symlink " + link;
            errno = Errno.NONE;
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

    /** The first symlink among the parent directories of {@code name} below -C, or null. */
    private String symlinkInPath(String name) throws IOException {
        String current = baseDir;
        String[] parts = java.util.Arrays.stream(name.split("/")).filter(c -> !c.isEmpty() && !c.equals("."))
                .toArray(String[]::new);
        for (int i = 0; i < parts.length - 1; i++) {
            current = SimFileSystem.absolute(current, parts[i]);
            Path p = fs.resolveNoFollow(current);
            if (Files.isSymbolicLink(p)) {
                return current;
            }
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
        }
        return null;
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
        } catch (TarReader.Failure cut) {
            // archive_read_extract2() calls archive_write_finish_entry() after a failed copy_data(), and
            // _archive_write_disk_finish_entry() pads the file to its header's size with ftruncate()
            // and restores its metadata ("Pad or truncate file to the right size",
            // libarchive/archive_write_disk_posix.c@v3.6.2 and @v3.7.9): a cut member is left full-sized.
            try (var f = new java.io.RandomAccessFile(real.toFile(), "rw")) {
                f.setLength(e.size());
            }
            restoreFileMetadata(real, e);
            throw cut;
        }
        reader.finishData();
        restoreFileMetadata(real, e);
    }

    private void restoreFileMetadata(Path real, TarReader.Entry e) throws IOException {
        SimFileSystem.setMode(real, e.mode());
        Files.setLastModifiedTime(real, FileTime.fromMillis(e.mtime() * 1000));
        FileMetadata.record(inv.machine(), real, owners.uid(e), owners.gid(e), e.mode());
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
            FileMetadata.record(inv.machine(), real, owners.uid(e), owners.gid(e), e.mode());
        }
    }
}
