package dev.jailspec.sim;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pkg repository of the simulated pkg: its definition read from the repository directory
 * (pkg reads every {@code *.conf} there, libpkg/pkg_config.c [UNVERIFIED: read in an unpinned copy]),
 * and its catalogue fetched over HTTP as {@code pkgcli_update} (freebsd/pkg src/update.c) and
 * {@code pkg_update} do, with their words. Only the form jailspec writes is read: one
 * {@code NAME: { key: "value", ... }} block a file with url, mirror_type "none", signature_type
 * "fingerprints", fingerprints and enabled; other UCL is not modelled.
 */
final class PkgRepository {
    /** One package of a fetched catalogue (the fixture's data.pkg, sim.fixtures.FixturePkgbase). */
    record Entry(String name, String version, List<String> deps, String path, String sha256) {
    }

    record Definition(String name, String url, String fingerprints, boolean enabled) {
    }

    /** The catalogue an update left: its packages, none when no trusted key signed it. */
    record Catalogue(List<Entry> entries, String text) {
        Optional<Entry> find(String name) {
            return entries.stream().filter(e -> e.name().equals(name)).findFirst();
        }
    }

    /** Why an update failed, as pkgcli_update returns EPKG_FATAL. */
    static final class UpdateFailed extends Exception {
        UpdateFailed() {
            super("Unable to update repository");
        }
    }

    private static final Pattern BLOCK = Pattern.compile("\\s*([A-Za-z0-9_-]+)\\s*:\\s*\\{([^{}]*)}\\s*");
    private static final Pattern PAIR = Pattern.compile("\\s*([a-z_]+)\\s*:\\s*(\"[^\"]*\"|yes|no)\\s*,?\\s*");

    private PkgRepository() {
    }

    static List<Definition> read(SimFileSystem fs, String dir) throws IOException {
        List<Definition> out = new ArrayList<>();
        if (!fs.isDirectory(dir)) {
            return out;
        }
        for (String name : fs.list(dir)) {
            if (name.endsWith(".conf")) {
                out.add(parse(fs.readText(dir + "/" + name), dir + "/" + name));
            }
        }
        return out;
    }

    static Definition parse(String text, String file) {
        String body = text.lines().filter(l -> !l.strip().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        Matcher m = BLOCK.matcher(body);
        if (!m.matches()) {
            throw new SimUnsupportedException("pkg repository file " + file + " that is not one NAME: { ... } block");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher p = PAIR.matcher(m.group(2));
        int at = 0;
        while (p.find() && p.start() == at) {
            keys.put(p.group(1), p.group(2).replace("\"", ""));
            at = p.end();
        }
        if (at != m.group(2).length()) {
            throw new SimUnsupportedException("pkg repository file " + file + " with UCL beyond key: \"value\" pairs");
        }
        String url = keys.getOrDefault("url", "");
        if (!url.matches("https?://.+")) {
            throw new SimUnsupportedException("pkg repository url '" + url + "' in " + file
                    + " (pkg+ and file:// urls, SRV lookups, are not modelled)");
        }
        if (!"none".equals(keys.get("mirror_type")) || !"fingerprints".equals(keys.get("signature_type"))) {
            throw new SimUnsupportedException("pkg repository " + m.group(1) + " without mirror_type \"none\" and"
                    + " signature_type \"fingerprints\" in " + file);
        }
        return new Definition(m.group(1), url.replaceAll("/+$", ""), keys.getOrDefault("fingerprints", ""),
                "yes".equals(keys.get("enabled")));
    }

    /**
     * {@code pkgcli_update} for one repository: "Updating NAME repository catalogue...", the fetch of
     * meta.conf and data.pkg, the fingerprints check, and "NAME repository update completed. N packages
     * processed." or "NAME repository is up to date." when the catalogue is the one the root already has;
     * then "All repositories are up to date.". A repository that does not answer: the missing files as
     * pkg names them, "Unable to update repository NAME" and "Error updating repositories!" (src/update.c;
     * a transcript of pkg update against a server answering 404: meta.txz "Not Found", "repository ... has
     * no meta file, using default settings") [UNVERIFIED: that pkg 2.x, which fetches with libcurl, names
     * the same files and reasons]. Without a trusted key for the catalogue's signature, pkg warns "No
     * trusted public keys found" and processes no entries (a test measured on 15.1-RELEASE with pkg 2.7.5
     * against a pkgbase mirror, read in a public repository) [UNVERIFIED: not seen in a transcript here].
     */
    static Catalogue update(Invocation inv, SimFileSystem fs, String root, Definition repo) throws IOException, UpdateFailed {
        inv.out("Updating " + repo.name() + " repository catalogue...");
        Optional<byte[]> meta = get(inv, repo.url() + "/meta.conf", false);
        if (meta.isEmpty()) {
            get(inv, repo.url() + "/meta.txz", true);
            inv.out("repository " + repo.name() + " has no meta file, using default settings");
            get(inv, repo.url() + "/data.pkg", true);
            inv.out("Unable to update repository " + repo.name());
            inv.out("Error updating repositories!");
            throw new UpdateFailed();
        }
        Optional<byte[]> data = get(inv, repo.url() + "/data.pkg", true);
        if (data.isEmpty()) {
            inv.out("Unable to update repository " + repo.name());
            inv.out("Error updating repositories!");
            throw new UpdateFailed();
        }
        String text = new String(data.get(), java.nio.charset.StandardCharsets.UTF_8);
        String cached = root + "/var/db/pkg/repos/" + repo.name() + "/sim-catalogue";
        if (fs.isRegularFile(cached) && fs.readText(cached).equals(text)) {
            inv.out(repo.name() + " repository is up to date.");
            inv.out("All repositories are up to date.");
            return new Catalogue(entries(text), text);
        }
        inv.out("Fetching meta.conf: . done");
        inv.out("Fetching data.pkg: .......... done");
        List<Entry> entries = trusted(fs, root, repo, text) ? entries(text) : List.of();
        if (entries.isEmpty()) {
            inv.err("pkg: No trusted public keys found");
        }
        inv.out("Processing entries: .......... done");
        inv.out(repo.name() + " repository update completed. " + entries.size() + " packages processed.");
        inv.out("All repositories are up to date.");
        fs.mkdirs(root + "/var/db/pkg/repos/" + repo.name());
        if (!entries.isEmpty()) {
            fs.writeText(cached, text);
        }
        return new Catalogue(entries, text);
    }

    /** Whether a {@code trusted/} file of the repository's fingerprints directory holds the catalogue's signer. */
    private static boolean trusted(SimFileSystem fs, String root, Definition repo, String catalogue) throws IOException {
        String signer = catalogue.lines().findFirst().filter(l -> l.startsWith("signed-by\t"))
                .map(l -> l.substring("signed-by\t".length())).orElse("");
        String trusted = repo.fingerprints() + "/trusted";
        if (repo.fingerprints().isEmpty() || !fs.isDirectory(trusted)) {
            return false;
        }
        for (String f : fs.list(trusted)) {
            if (fs.readText(trusted + "/" + f).contains("fingerprint: \"" + signer + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static List<Entry> entries(String text) {
        return text.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t", -1))
                .map(f -> new Entry(f[0], f[1], f[2].isEmpty() ? List.of() : List.of(f[2].split(",")), f[3], f[4]))
                .toList();
    }

    /** One GET; a failure is "pkg: URL: reason" on stderr when {@code loud} (libfetch's words, FetchTool.REASONS). */
    static Optional<byte[]> get(Invocation inv, String url, boolean loud) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() == 200) {
                    return Optional.of(in.readAllBytes());
                }
            }
            if (loud) {
                inv.err("pkg: " + url + ": " + FetchTool.REASONS.getOrDefault(r.statusCode(), "Unknown HTTP error"));
            }
            return Optional.empty();
        } catch (ConnectException e) {
            if (loud) {
                inv.err("pkg: " + url + ": Connection refused");
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimUnsupportedException("pkg interrupted while fetching " + url);
        }
    }
}
