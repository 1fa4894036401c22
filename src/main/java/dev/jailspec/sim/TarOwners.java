package dev.jailspec.sim;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which owner root's bsdtar gives a member. tar/read.c tar_mode_x() installs
 * archive_write_disk_set_standard_lookup() unless {@code --numeric-owner}; its lookup_uid() and
 * lookup_gid() (libarchive/archive_write_disk_set_standard_lookup.c) take the archive's uname and
 * gname through getpwnam_r()/getgrnam_r() of the system tar runs on, and keep the archive's
 * numeric id only when the name is empty or unknown there (libarchive at 3.x HEAD [UNVERIFIED: read
 * in an unpinned copy, not at the contrib/libarchive of releng/14.3]). So a Linux archive's
 * {@code tty} becomes FreeBSD's {@code tty} (gid 4, {@link HostAccounts}) unless --numeric-owner,
 * whatever id the Linux userland's own /etc/group gives it (5 on EL hosts [UNVERIFIED: Rocky 9's
 * setup package not read; EL /etc/group listings in public pages]).
 *
 * <p>The databases are read as the text files {@code /etc/passwd} and {@code /etc/group} of the
 * view tar runs in (the host's, or a jail's); FreeBSD's getpwnam() reads pwd.db, which pwd_mkdb
 * makes from the same entries. A view without the file knows no names.
 */
final class TarOwners {
    private final SimFileSystem fs;
    private final Map<String, Optional<Integer>> users = new HashMap<>();
    private final Map<String, Optional<Integer>> groups = new HashMap<>();

    private TarOwners(SimFileSystem fs) {
        this.fs = fs;
    }

    /** {@code --numeric-owner}: the archive's ids. */
    static TarOwners numeric() {
        return new TarOwners(null);
    }

    /** The standard lookup through the passwd and group files of {@code fs}. */
    static TarOwners lookingUpIn(SimFileSystem fs) {
        return new TarOwners(fs);
    }

    int uid(TarReader.Entry e) throws IOException {
        return lookup(users, "/etc/passwd", e.uname()).orElse((int) e.uid());
    }

    int gid(TarReader.Entry e) throws IOException {
        return lookup(groups, "/etc/group", e.gname()).orElse((int) e.gid());
    }

    private Optional<Integer> lookup(Map<String, Optional<Integer>> cache, String file, String name) throws IOException {
        if (fs == null || name.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> known = cache.get(name);
        if (known == null) {
            known = idOf(file, name);
            cache.put(name, known);
        }
        return known;
    }

    /** The third field of the first {@code name:...} line: passwd(5) and group(5) both keep the id there. */
    private Optional<Integer> idOf(String file, String name) throws IOException {
        if (!fs.isRegularFile(file)) {
            return Optional.empty();
        }
        for (String line : fs.readText(file).split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(name) && f[2].matches("\\d{1,10}")) {
                return Optional.of(Integer.parseInt(f[2]));
            }
        }
        return Optional.empty();
    }
}
