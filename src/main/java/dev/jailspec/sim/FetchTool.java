package dev.jailspec.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * fetch(1) over real HTTP(S) with the JDK's HttpClient (freebsd-facts 5.4):
 * {@code fetch [-q] [-o file] URL}. Without -o the file is the URL's last path component in the
 * working directory; {@code -o dir} puts it there; {@code -o -} writes to standard output. A
 * failure is {@code fetch: URL: reason} with libfetch's reason (the HTTP reason phrase,
 * {@code Connection refused}, {@code No address record}) and exit 1. Without -q and without a
 * tty, stderr gets {@code %-46s} (the output path) when the transfer starts and
 * {@code "        %s %s %s\n"} (size, rate, elapsed) at the end. Bodies are streamed to a
 * temporary file and renamed, so a large file never sits in memory.
 */
final class FetchTool implements SimTool {
    /** libfetch's http_errlist (lib/libfetch/http.errors). */
    static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(300, "Multiple Choices"), Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(407, "Proxy Authentication Required"), Map.entry(408, "Request Time-out"),
            Map.entry(409, "Conflict"), Map.entry(410, "Gone"), Map.entry(411, "Length Required"),
            Map.entry(412, "Precondition Failed"), Map.entry(413, "Request Entity Too Large"),
            Map.entry(414, "Request-URI Too Large"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(416, "Requested Range Not Satisfiable"), Map.entry(417, "Expectation Failed"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Time-out"),
            Map.entry(505, "HTTP Version not supported"));
    private static final String PREFIXES = " kMGTP";

    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/fetch");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        Getopt g;
        try {
            g = Getopt.parse(inv.args(), "146AaB:bc:dFf:Hh:i:lMmN:nPpo:qRrS:sT:Uvw:");
        } catch (Getopt.GetoptException e) {
            throw new SimUnsupportedException("fetch's usage text (after " + e.bsdMessage("fetch") + ")");
        }
        g.refuseUnsupported("fetch", "146AaBbcdFfHhilMmNnPpRrSsTUvw");
        if (inv.args().stream().anyMatch(a -> a.startsWith("--"))) {
            throw new SimUnsupportedException("fetch long options");
        }
        if (g.operands().size() != 1) {
            throw new SimUnsupportedException("fetch with " + g.operands().size() + " URLs");
        }
        boolean quiet = g.has('q');
        String url = g.operands().get(0);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            inv.err("fetch: " + url + ": parse error");
            return 1;
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new SimUnsupportedException("fetch of a " + uri.getScheme() + " URL");
        }
        String o = g.last('o');
        boolean toStdout = "-".equals(o);
        String path = null;
        if (!toStdout) {
            String base = uri.getPath() == null ? "" : uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
            if (o == null) {
                path = base;
            } else if (inv.fs().isDirectory(inv.abs(o))) {
                path = (o.endsWith("/") ? o : o + "/") + base;
            } else {
                path = o;
            }
            if (path.isEmpty() || path.endsWith("/")) {
                throw new SimUnsupportedException("fetch of a URL without a file name (" + url + ")");
            }
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(120)).build();
        HttpResponse<InputStream> resp;
        inv.openedConnection();
        try {
            resp = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            inv.err("fetch: " + url + ": Connection refused");
            return 1;
        } catch (HttpConnectTimeoutException e) {
            inv.err("fetch: " + url + ": Operation timed out");
            return 1;
        } catch (IOException e) {
            if (e.getCause() instanceof UnknownHostException
                    || e.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
                inv.err("fetch: " + url + ": No address record");
                return 1;
            }
            throw new SimUnsupportedException("fetch: a transport failure the simulator does not map: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimUnsupportedException("fetch interrupted");
        }
        int status = resp.statusCode();
        if (status != 200) {
            resp.body().close();
            String reason = REASONS.get(status);
            inv.err("fetch: " + url + ": " + (reason != null ? reason : "Unknown HTTP error"));
            return 1;
        }
        OptionalLong size = resp.headers().firstValueAsLong("content-length");
        if (size.isEmpty() && !toStdout && !quiet) {
            inv.err("fetch: " + url + ": size of remote file is not known");
        }
        if (toStdout) {
            try (InputStream in = resp.body()) {
                inv.out().out(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return 0;
        }
        Path target;
        try {
            target = inv.fs().resolve(inv.abs(path));
        } catch (SimPathException e) {
            throw new SimUnsupportedException("fetch -o outside the simulated root");
        }
        if (!Files.isDirectory(target.getParent())) {
            resp.body().close();
            inv.err("fetch: " + path + ": fopen(): " + Errno.ENOENT);
            return 1;
        }
        String name = path.length() > 63 ? path.substring(0, 63) : path;
        if (!quiet) {
            inv.out().err(String.format("%-46s", name));
        }
        long start = System.nanoTime();
        Path tmp = Files.createTempFile(target.getParent(), ".fetch.", "." + target.getFileName());
        long count = 0;
        boolean cut = false;
        try (InputStream in = resp.body(); OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                count += n;
            }
        } catch (IOException e) {
            cut = true;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!quiet) {
            inv.out().err("        " + bytes(count) + " " + rate(count, elapsed) + " " + seconds((long) elapsed) + "\n");
        }
        if (cut || size.isPresent() && count < size.getAsLong()) {
            Files.deleteIfExists(tmp);
            inv.err("fetch: " + path + " appears to be truncated: " + count + "/" + (size.isPresent() ? size.getAsLong() : count)
                    + " bytes");
            return 1;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        SimFileSystem.setMode(target, 0644);
        resp.headers().firstValue("last-modified").ifPresent(lm -> {
            try {
                ZonedDateTime t = ZonedDateTime.parse(lm, DateTimeFormatter.RFC_1123_DATE_TIME);
                Files.setLastModifiedTime(target, FileTime.from(t.toInstant()));
            } catch (RuntimeException | IOException ignored) {
                // fetch keeps the local time when the server's date does not parse
            }
        });
        return 0;
    }

    /** stat_bytes(): {@code %4ju %cB}, dividing by 1024 while above 9999. */
    static String bytes(long n) {
        int p = 0;
        while (n > 9999 && p < PREFIXES.length() - 1) {
            n /= 1024;
            p++;
        }
        return String.format("%4d %cB", n, PREFIXES.charAt(p));
    }

    /** stat_bps(): {@code ?? Bps} when no time passed, else stat_bytes of the rate plus "ps". */
    static String rate(long n, double seconds) {
        if (seconds <= 0) {
            return "?? Bps";
        }
        return bytes((long) (n / seconds)) + "ps";
    }

    /** The elapsed time: {@code "   %02lds"}, {@code %02ldm%02lds}, {@code %02ldh%02ldm}, {@code %02ldd%02ldh}. */
    static String seconds(long s) {
        if (s < 60) {
            return String.format("   %02ds", s);
        }
        if (s < 3600) {
            return String.format("%02dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format("%02dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format("%02dd%02dh", s / 86400, (s % 86400) / 3600);
    }
}
