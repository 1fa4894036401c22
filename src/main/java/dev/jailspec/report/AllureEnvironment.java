package dev.jailspec.report;

import dev.jailspec.event.EventListener;
import dev.jailspec.event.JailspecEvent;
import dev.jailspec.event.SettingsResolved;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the settings in effect to Allure's {@code environment.properties}, which the report
 * shows on its overview page: the one place a reader checks which release, pool and jail ran.
 */
public final class AllureEnvironment implements EventListener {
    public static final String FILE = "environment.properties";
    private final Path resultsDir;
    private final Map<String, String> entries = new TreeMap<>();

    public AllureEnvironment(Path resultsDir) {
        this.resultsDir = resultsDir;
    }

    /** Adds or replaces one line, e.g. the host's freebsd-version, and rewrites the file. */
    public synchronized void put(String key, String value) {
        entries.put(key, value);
        write();
    }

    @Override
    public void on(JailspecEvent event) {
        if (event instanceof SettingsResolved e) {
            synchronized (this) {
                entries.putAll(e.values());
                write();
            }
        }
    }

    private void write() {
        var sb = new StringBuilder();
        entries.forEach((k, v) -> sb.append(escape(k)).append(" = ").append(escape(v)).append('\n'));
        try {
            Files.createDirectories(resultsDir);
            Files.writeString(resultsDir.resolve(FILE), sb, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + resultsDir.resolve(FILE), e);
        }
    }

    // java.util.Properties syntax: backslash, and a leading '#' or '!' would start a comment.
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace(":", "\\:").replace("=", "\\=");
    }
}
