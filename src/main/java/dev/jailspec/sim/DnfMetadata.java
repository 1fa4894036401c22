package dev.jailspec.sim;

import dev.jailspec.sim.DnfRepoFiles.Repo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repositories' metadata as DNF 4 keeps it: when each enabled repository was last fetched
 * (in {@value #CACHE} of the tree), fetched again once older than metadata_expire (48 h), and
 * not fetched at all without a nameserver in the tree's resolv.conf, with dnf's error and exit 1.
 * Every command that needs the metadata ({@code makecache}, {@code check-update},
 * {@code update}, {@code install}) starts here. The 48 hours are metadata_expire's default in dnf's
 * doc/conf_ref.rst [UNVERIFIED: read in an unpinned copy, not at DNF 4.14.0].
 */
final class DnfMetadata {
    static final String CACHE = "/var/cache/dnf/jailspec-sim-metadata";
    static final Duration METADATA_EXPIRE = Duration.ofHours(48);

    /** Metadata size and download speed of each repository, as dnf's progress line shows them. */
    private static final Map<String, String[]> METADATA = Map.of(
            "baseos", new String[] {"2.3 MB", "6.1 MB/s"},
            "appstream", new String[] {"8.1 MB", " 11 MB/s"},
            "extras", new String[] {" 14 kB", " 64 kB/s"},
            "crb", new String[] {"2.2 MB", "5.8 MB/s"},
            "epel", new String[] {" 20 MB", " 13 MB/s"},
            "epel-cisco-openh264", new String[] {"2.5 kB", " 11 kB/s"});

    private DnfMetadata() {
    }

    /**
     * Loads the enabled repositories' metadata: downloads what is missing or older than
     * metadata_expire (48 h), else prints when it was last checked. False after dnf's error.
     */
    static boolean load(Invocation inv, List<Repo> repos) throws IOException {
        List<Repo> on = DnfRepoFiles.enabled(repos);
        if (on.isEmpty()) {
            inv.err("Error: There are no enabled repositories in \"/etc/yum.repos.d\", \"/etc/yum/repos.d\","
                    + " \"/etc/distro.repos.d\".");
            return false;
        }
        Map<String, Long> cache = readCache(inv);
        Instant now = inv.machine().clock().instant();
        List<Repo> stale = on.stream().filter(r -> !cache.containsKey(r.id)
                || Duration.between(Instant.ofEpochSecond(cache.get(r.id)), now).compareTo(METADATA_EXPIRE) > 0).toList();
        if (stale.isEmpty()) {
            long oldest = on.stream().mapToLong(r -> cache.get(r.id)).min().orElseThrow();
            inv.out(DnfOutput.lastCheck(Instant.ofEpochSecond(oldest), now));
            return true;
        }
        for (Repo r : stale) {
            if (!LinuxUserland.hasNameserver(inv.fs())) {
                String host = r.mirrorlist == null ? "mirrors.rockylinux.org" : r.mirrorlist.replaceAll("^https?://([^/]+).*$", "$1");
                String curl = "Curl error (6): Couldn't resolve host name for " + r.mirrorlist + " [Could not resolve host: "
                        + host + "]";
                inv.out(DnfOutput.progressLine(r.displayName(), "0.0  B/s", "  0  B"));
                inv.out("Errors during downloading metadata for repository '" + r.id + "':");
                inv.out("  - " + curl);
                inv.err("Error: Failed to download metadata for repo '" + r.id + "': Cannot prepare internal mirrorlist: "
                        + curl);
                writeCache(inv, cache);
                return false;
            }
            inv.openedConnection();
            String[] m = METADATA.getOrDefault(r.id, new String[] {"1.0 MB", "1.0 MB/s"});
            inv.out(DnfOutput.progressLine(r.displayName(), m[1], m[0]));
            cache.put(r.id, now.getEpochSecond());
            writeSolv(inv, r.id);
        }
        writeCache(inv, cache);
        return true;
    }


    /**
     * The repository's solv cache as dnf keeps it in /var/cache/dnf: {@code ID.solv}, plus
     * {@code ID-filenames.solvx} when the filelists metadata was loaded (the names dnf's own
     * {@code dnf clean dbcache} removes, dnf/cli/commands/clean.py). EL 9's DNF 4.14 loads
     * filelists always; EL 10's does not unless optional_metadata_types names it (RHEL 10,
     * "Considerations in adopting RHEL 10" 22.1: "the filelists metadata is not downloaded by
     * default ... add the filelists value to the optional_metadata_types option in
     * /etc/dnf/dnf.conf"). The files' content is the simulator's.
     */
    private static void writeSolv(Invocation inv, String id) throws IOException {
        inv.fs().mkdirs("/var/cache/dnf");
        inv.fs().writeText("/var/cache/dnf/" + id + ".solv", "sim: solv cache of " + id + "\n");
        if (loadsFilelists(inv)) {
            inv.fs().writeText("/var/cache/dnf/" + id + "-filenames.solvx", "sim: filelists of " + id + "\n");
        }
    }

    /** Whether this userland's dnf loads the filelists metadata: always before EL 10, on request from EL 10 on. */
    static boolean loadsFilelists(Invocation inv) throws IOException {
        String major = DnfRepoFiles.releasever(inv);
        if (!major.matches("\\d+") || Integer.parseInt(major) < 10) {
            return true;
        }
        String conf = "/etc/dnf/dnf.conf";
        if (!LinuxUserland.exists(inv.fs(), conf)) {
            return false;
        }
        return dev.jailspec.linux.IniFile.section(inv.fs().readText(conf), "main").stream()
                .map(l -> l.replace(" ", ""))
                .filter(l -> l.startsWith("optional_metadata_types="))
                .anyMatch(l -> java.util.Arrays.asList(l.substring(l.indexOf('=') + 1).split(",")).contains("filelists"));
    }

    private static Map<String, Long> readCache(Invocation inv) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        if (LinuxUserland.exists(inv.fs(), CACHE)) {
            for (String line : inv.fs().readText(CACHE).split("\n")) {
                String[] p = line.trim().split("\\s+");
                if (p.length == 2) {
                    out.put(p[0], Long.parseLong(p[1]));
                }
            }
        }
        return out;
    }

    private static void writeCache(Invocation inv, Map<String, Long> cache) throws IOException {
        inv.fs().mkdirs("/var/cache/dnf");
        StringBuilder sb = new StringBuilder();
        cache.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        inv.fs().writeText(CACHE, sb.toString());
    }
}
