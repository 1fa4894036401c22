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
 (with {@code --repo-conf-dir DIR}, only DIR: load_repositories reads REPOS_DIR, /etc/pkg and
 * /usr/local/etc/pkg/repos, only when no directory is given; load_repo_files takes every {@code *.conf}
 * there by the host's path, not under --rootdir; libpkg/pkg_config.c, freebsd/pkg tag 2.7.5, the same
 * at 2.4.2 and 2.8.4), and its catalogue fetched over HTTP as {@code pkgcli_update} (src/update.c) and
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
        // load_repo_files: scandir with configfile (no leading '.', longer than ".conf"), in alphasort order.
        for (String name : fs.list(dir).stream().sorted().toList()) {
            if (!name.startsWith(".") && name.length() > 5 && name.endsWith(".conf")) {
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
     * {@code pkgcli_update} (src/update.c) for the one repository named by {@code -r}, through
     * {@code pkg_repo_binary_update_proceed} (libpkg/repo/binary/update.c), freebsd/pkg tag 2.7.5:
     * "Updating NAME repository catalogue..."; meta.conf fetched silently, else meta.txz, and only a
     * meta.txz fetch that failed with EPKG_FATAL (not one answered 404, EPKG_ENOENT) is the notice
     * "repository NAME has no meta file, using default settings"; then the catalogue {@code data.pkg},
     * else {@code data.<packing_format>}, and when that failed or its signature was not trusted
     * ({@link #trusted}), {@code packagesite.pkg} and {@code packagesite.<packing_format>}. The fixture
     * serves no packagesite, so a catalogue that cannot be used ends the update: "Unable to update
     * repository NAME" (a notice, stdout) and "Error updating repositories!", and the caller returns
     * EPKG_FATAL. A new catalogue: "Processing entries", "NAME repository update completed. N packages
     * processed."; an unchanged one: "NAME repository is up to date." (pkg asks with If-Modified-Since and
     * the server answers 304; the simulator compares the catalogue with the one the root keeps, which is
     * the same while the fixture does not change). Last, with {@code -r}: "NAME is up to date." (not "All
     * repositories are up to date.", which is printed only without -r). The same at tags 2.4.2 and 2.8.4,
     * except that 2.4.2 fetches with libcurl ("Failed to fetch URL: Not found", libpkg/fetch_libcurl.c) and
     * labels the catalogue "Fetching data.pkg".
     */
    static Catalogue update(Invocation inv, SimFileSystem fs, String root, Definition repo) throws IOException, UpdateFailed {
        inv.out("Updating " + repo.name() + " repository catalogue...");
        Fetched meta = fetch(inv, repo.url() + "/meta.conf", true);
        String format = "tzst"; // pkg_repo_meta_default: DEFAULT_COMPRESSION, TZS (auto.def)
        if (meta.body().isEmpty()) {
            if (fetch(inv, repo.url() + "/meta.txz", false).status() == Status.FATAL) {
                inv.out("repository " + repo.name() + " has no meta file, using default settings");
            }
        } else {
            format = packingFormat(new String(meta.body().get(), java.nio.charset.StandardCharsets.UTF_8), format);
        }
        Fetched data = fetch(inv, repo.url() + "/data.pkg", false);
        if (data.body().isEmpty()) {
            data = fetch(inv, repo.url() + "/data." + format, false);
        }
        String text = data.body().map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).orElse(null);
        String cached = root + "/var/db/pkg/repos/" + repo.name() + "/sim-catalogue";
        if (text != null && fs.isRegularFile(cached) && fs.readText(cached).equals(text)) {
            inv.out(repo.name() + " repository is up to date.");
            inv.out(repo.name() + " is up to date.");
            return new Catalogue(entries(text), text);
        }
        if (meta.body().isPresent()) {
            inv.out(PkgProgress.line("Fetching meta.conf", PkgProgress.fetch(meta.body().get().length)));
        }
        if (text != null) {
            inv.out(PkgProgress.line("Fetching data", PkgProgress.fetch(data.body().get().length)));
        }
        if (text == null || !trusted(inv, fs, root, repo, text)) {
            // pkg_repo_binary_update_proceed: the catalogue failed, packagesite is the fallback.
            if (fetch(inv, repo.url() + "/packagesite.pkg", false).body().isEmpty()
                    && fetch(inv, repo.url() + "/packagesite." + format, false).body().isEmpty()) {
                inv.out("Unable to update repository " + repo.name());
                inv.out("Error updating repositories!");
                throw new UpdateFailed();
            }
            throw new SimUnsupportedException("pkg: a repository serving packagesite (the fixture serves data.pkg only)");
        }
        List<Entry> entries = entries(text);
        inv.out(PkgProgress.line("Processing entries", PkgProgress.entries(entries.size())));
        inv.out(repo.name() + " repository update completed. " + entries.size() + " packages processed.");
        inv.out(repo.name() + " is up to date.");
        fs.mkdirs(root + "/var/db/pkg/repos/" + repo.name());
        fs.writeText(cached, text);
        return new Catalogue(entries, text);
    }

    /** meta.conf's packing_format (pkg_repo_meta_parse), or {@code dflt} when it names none. */
    private static String packingFormat(String metaConf, String dflt) {
        Matcher m = Pattern.compile("(?m)^\\s*packing_format\\s*=\\s*\"?(tzst|txz|tbz|tgz|tar)\"?\\s*;").matcher(metaConf);
        return m.find() ? m.group(1) : dflt;
    }

    /**
     * pkg_repo_check_fingerprint and pkg_repo_load_fingerprints (libpkg/pkg_repo.c, tag 2.7.5): the
     * repository's {@code fingerprints} directory is opened relative to the root
     * ({@code openat(ctx.rootfd, RELATIVE_PATH(path))}), so under {@code --rootdir ROOT} it is
     * {@code ROOT/<fingerprints>/trusted}; missing: "Error opening the trusted directory DIR/trusted" and
     * "Error loading trusted certificates"; empty: "No trusted certificates"; no file naming the
     * catalogue's signer: "No trusted public keys found" (all warnx, stderr). Tag 2.4.2 reads the same
     * way; tag 2.8.4 tries the host's own path when the root has none.
     */
    private static boolean trusted(Invocation inv, SimFileSystem fs, String root, Definition repo, String catalogue) throws IOException {
        String signer = catalogue.lines().findFirst().filter(l -> l.startsWith("signed-by\t"))
                .map(l -> l.substring("signed-by\t".length())).orElse("");
        String path = repo.fingerprints() + "/trusted";
        String trusted = root + (path.startsWith("/") ? "" : "/") + path;
        if (!fs.isDirectory(trusted)) {
            inv.err("pkg: Error opening the trusted directory " + path);
            inv.err("pkg: Error loading trusted certificates");
            return false;
        }
        List<String> files = fs.list(trusted);
        if (files.isEmpty()) {
            inv.err("pkg: No trusted certificates");
            return false;
        }
        for (String f : files) {
            if (fs.readText(trusted + "/" + f).contains("fingerprint: \"" + signer + "\"")) {
                return true;
            }
        }
        inv.err("pkg: No trusted public keys found");
        return false;
    }

    private static List<Entry> entries(String text) {
        return text.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t", -1))
                .map(f -> new Entry(f[0], f[1], f[2].isEmpty() ? List.of() : List.of(f[2].split(",")), f[3], f[4]))
                .toList();
    }

    enum Status { OK, ENOENT, FATAL }

    /** What one fetch left: the body when it was answered 200, else how libfetch failed. */
    record Fetched(Status status, Optional<byte[]> body) {
    }

    /** A package's body, or empty after fetch's message (the caller names what is missing). */
    static Optional<byte[]> get(Invocation inv, String url) throws IOException {
        return fetch(inv, url, false).body();
    }

    /**
     * One GET as libpkg/fetch_libfetch.c's fetch_open does it (tag 2.7.5; pkg 2.7.0 returned from
     * libcurl to libfetch): a status libfetch counts FETCH_UNAVAIL (404, 410, 416 in
     * lib/libfetch/http.errors [UNVERIFIED: read in a 2012 copy of freebsd-src, not at releng/15.x]) is EPKG_ENOENT
     * at once; any other failure is retried FETCH_RETRY (3) times and is EPKG_FATAL. Unless
     * {@code silent}, the failure is "pkg: SCHEME://HOST/PATH: REASON" on stderr: the host without the
     * port, as the message is built from u->scheme, u->host and u->doc.
     */
    static Fetched fetch(Invocation inv, String url, boolean silent) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        URI uri = URI.create(url);
        String shown = uri.getScheme() + "://" + uri.getHost() + uri.getRawPath();
        try {
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() == 200) {
                    return new Fetched(Status.OK, Optional.of(in.readAllBytes()));
                }
            }
            if (!silent) {
                inv.err("pkg: " + shown + ": " + FetchTool.REASONS.getOrDefault(r.statusCode(), "Unknown HTTP error"));
            }
            boolean unavail = r.statusCode() == 404 || r.statusCode() == 410 || r.statusCode() == 416;
            return new Fetched(unavail ? Status.ENOENT : Status.FATAL, Optional.empty());
        } catch (ConnectException e) {
            if (!silent) {
                inv.err("pkg: " + shown + ": Connection refused");
            }
            return new Fetched(Status.FATAL, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimUnsupportedException("pkg interrupted while fetching " + url);
        }
    }
}
