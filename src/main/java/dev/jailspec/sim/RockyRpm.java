package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;

/**
 * rpm 4.16 of a Rocky 9 userland, and 4.19 of Rocky 10: {@code rpm -qa} (the package list in
 * install order), {@code rpm -q NAME}, {@code rpm -E %rhel} (the major version, from os-release
 * VERSION_ID) and {@code rpm --verifydb} (rpmpopt: {@code rpm exec --verifydb rpmdb --verifydb};
 * tools/rpmdb.c, silent with exit 0 on a sound database). Checked against Debian's rpm 4.18 by
 * RealDnfDifferentialTest ({@code -qa}, {@code -q}, {@code -E}) [UNVERIFIED: Rocky 9's rpm 4.16
 * itself; for 4.19, that these print as 4.16 does (no Rocky 10 transcript was read)].
 *
 * <p>The package list lives in the simulator's stand-in file; a {@value #SQLITE_DB} that is there
 * but lacks SQLite's file header is a damaged database, answered as Debian's rpm 4.18 answered a
 * file of garbage in place of rpmdb.sqlite (a transcript made here; Rocky 9's rpm 4.16 has the
 * same sqlite backend [UNVERIFIED: not run on Rocky's 4.16]): two errors and exit 2 for
 * {@code --verifydb}, a third error and exit 1 for a query.
 */
final class RockyRpm implements SimTool {
    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/rpm");
    }

    static final String SQLITE_DB = "/var/lib/rpm/rpmdb.sqlite";
    /** The first 16 bytes of every SQLite 3 database file (sqlite.org/fileformat.html, "The Database Header"). */
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Override
    public int run(Invocation inv) throws IOException {
        List<String> a = inv.args();
        boolean damaged = damaged(inv);
        if (a.equals(List.of("--verifydb"))) {
            if (damaged) {
                openErrors(inv);
                return 2;
            }
            LinuxUserland.packages(inv.fs());
            return 0;
        }
        if (damaged && !a.isEmpty() && a.get(0).startsWith("-q")) {
            openErrors(inv);
            inv.err("error: cannot open Packages database in /var/lib/rpm");
            return 1;
        }
        if (a.equals(List.of("-qa"))) {
            LinuxUserland.packages(inv.fs()).forEach(inv::out);
            return 0;
        }
        if (a.size() == 2 && a.get(0).equals("-E")) {
            if (!a.get(1).equals("%rhel")) {
                throw new SimUnsupportedException("rpm -E " + a.get(1));
            }
            String version = LinuxUserland.osRelease(inv.fs()).map(m -> m.get("VERSION_ID")).orElse(null);
            if (version == null) {
                throw new SimUnsupportedException("rpm -E %rhel without an os-release VERSION_ID");
            }
            inv.out(version.split("\\.")[0]);
            return 0;
        }
        if (a.size() >= 2 && a.get(0).equals("-q")) {
            List<String> installed = LinuxUserland.packages(inv.fs());
            int status = 0;
            for (String name : a.subList(1, a.size())) {
                List<String> hits = installed.stream()
                        .filter(p -> LinuxUserland.nameOf(p).equals(name) || p.equals(name)).toList();
                if (hits.isEmpty()) {
                    inv.out("package " + name + " is not installed");
                    status = 1;
                } else {
                    hits.forEach(inv::out);
                }
            }
            return status;
        }
        throw new SimUnsupportedException("rpm " + String.join(" ", a));
    }

    private static boolean damaged(Invocation inv) throws IOException {
        if (!LinuxUserland.exists(inv.fs(), SQLITE_DB)) {
            return false;
        }
        byte[] content = inv.fs().read(SQLITE_DB);
        return content.length < SQLITE_HEADER.length
                || !java.util.Arrays.equals(content, 0, SQLITE_HEADER.length, SQLITE_HEADER, 0, SQLITE_HEADER.length);
    }

    private static void openErrors(Invocation inv) {
        inv.err("error: sqlite failure: CREATE TABLE IF NOT EXISTS 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT,"
                + "blob BLOB NOT NULL): file is not a database");
        inv.err("error: cannot open Packages index using sqlite - No such file or directory (2)");
    }
}
