package dev.jailspec.artifact;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** The cache's layout: one file per URL, named after the URL, so two releases never collide. */
final class CachePaths {
    private CachePaths() {
    }

    /**
     * Where the verified file for {@code url} lives: {@code <cache>/<host>[_port]/<path>}, each
     * segment kept to {@code [A-Za-z0-9._+~-]} (others become {@code _}); a query adds a suffix.
     */
    static Path of(Path cacheDir, URI url) {
        return of(cacheDir, url, java.util.Map.of());
    }

    /**
     * The same, with the servers named in {@code serverNames} (by {@code host:port}, as
     * {@link URI#getRawAuthority()} has it) cached under the given directory name instead.
     */
    static Path of(Path cacheDir, URI url, java.util.Map<String, String> serverNames) {
        String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https URLs can be downloaded, got " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("URL has no host: " + url);
        }
        String server = serverNames.get(url.getRawAuthority());
        Path p = cacheDir.resolve(safe(server != null ? server
                : url.getHost() + (url.getPort() >= 0 ? "_" + url.getPort() : "")));
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String last = null;
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                continue;
            }
            last = safe(seg);
            p = p.resolve(last);
        }
        if (last == null) {
            throw new IllegalArgumentException("URL names no file: " + url);
        }
        if (url.getRawQuery() != null) {
            p = p.resolveSibling(last + "_" + Hashing.sha256(url.getRawQuery().getBytes(StandardCharsets.UTF_8))
                    .substring(0, 12));
        }
        return p;
    }

    private static String safe(String seg) {
        String s = seg.replaceAll("[^A-Za-z0-9._+~-]", "_");
        return s.equals(".") || s.equals("..") ? "_" : s;
    }
}
