package dev.jailspec.report.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves a directory read-only on 127.0.0.1 at an ephemeral port, for the browser check: the
 * Allure report fetches its data over HTTP. GET and HEAD only; nothing outside the directory.
 */
final class ReportServer implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "application/javascript", "css", "text/css",
            "json", "application/json", "txt", "text/plain; charset=utf-8", "csv", "text/csv",
            "png", "image/png", "svg", "image/svg+xml", "ico", "image/x-icon", "woff2", "font/woff2");

    private final HttpServer server;
    private final Path root;

    private ReportServer(HttpServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    static ReportServer start(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var rs = new ReportServer(server, root.toAbsolutePath().normalize());
        server.createContext("/", rs::handle);
        server.start();
        return rs;
    }

    String url(String pathAndFragment) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + pathAndFragment;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            Path file = root.resolve(path.replaceFirst("^/+", "")).normalize();
            if (Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String name = file.getFileName().toString();
            String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
            exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            long size = Files.size(file);
            exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : size == 0 ? -1 : size);
            if (method.equals("GET") && size > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
