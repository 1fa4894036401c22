package dev.jailspec.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jailspec.event.ArtifactResolved;
import dev.jailspec.event.HostFactsResolved;
import dev.jailspec.event.EventSubscriber;
import dev.jailspec.event.RunStarted;
import dev.jailspec.event.SettingsResolved;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files Allure reads about the run as a whole, in the results directory:
 * <ul>
 *   <li>{@code environment.properties} (the report's Environment panel): the settings in effect
 *       (target, release under test, jail name, ...), jailspec's version, the run id, the host's
 *       {@code freebsd-version -kru} and {@code zfs version} from the {@link HostFactsResolved}
 *       event, and the Linux userland image's dated name and sha256 from the {@link ArtifactResolved}
 *       event;</li>
 *   <li>{@code executor.json} (who ran it: the run id and target);</li>
 *   <li>{@code categories.json} ({@link AllureCategories}).</li>
 * </ul>
 * Each file is rewritten when what it holds changes, so it is complete whenever the run stops.
 */
public final class AllureEnvironment implements EventSubscriber {
    public static final String FILE = "environment.properties";
    public static final String EXECUTOR = "executor.json";

    public static final String HOST_KERNEL = "host.freebsd-version.kernel";
    public static final String HOST_RUNNING = "host.freebsd-version.running";
    public static final String HOST_USERLAND = "host.freebsd-version.userland";
    public static final String HOST_ZFS = "host.zfs-version";
    public static final String LINUX_IMAGE = "linux.image";
    public static final String LINUX_SHA256 = "linux.image.sha256";
    public static final String VERSION = "run.jailspec-version";
    public static final String RUN = "run.id";

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
    public void subscribeTo(Handlers on) {
        on.on(RunStarted.class, this::runStarted);
        on.on(SettingsResolved.class, e -> putAll(e.values()));
        on.on(HostFactsResolved.class, e -> putAll(Map.of(HOST_KERNEL, e.freebsdKernel(), HOST_RUNNING, e.freebsdRunning(),
                HOST_USERLAND, e.freebsdUserland(), HOST_ZFS, e.zfsUserland() + " / " + e.zfsKernel())));
        on.on(ArtifactResolved.class, e -> {
            if (ArtifactResolved.LINUX_IMAGE.equals(e.kind())) {
                putAll(Map.of(LINUX_IMAGE, e.name(), LINUX_SHA256, e.sha256()));
            }
        });
    }

    private synchronized void runStarted(RunStarted e) {
        entries.put(RUN, e.runId());
        entries.put(VERSION, JailspecVersion.get());
        write();
        writeExecutor(e);
        AllureCategories.writeTo(resultsDir);
    }

    private synchronized void putAll(Map<String, String> values) {
        entries.putAll(values);
        write();
    }

    private void write() {
        var sb = new StringBuilder();
        entries.forEach((k, v) -> sb.append(escapeKey(k)).append(" = ").append(escape(v)).append('\n'));
        try {
            Files.createDirectories(resultsDir);
            Files.writeString(resultsDir.resolve(FILE), sb, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + resultsDir.resolve(FILE), e);
        }
    }

    private void writeExecutor(RunStarted e) {
        Map<String, Object> executor = new LinkedHashMap<>();
        executor.put("name", "jailspec");
        executor.put("type", "maven");
        executor.put("buildName", "jailspec run " + e.runId() + " on " + e.target());
        executor.put("reportName", "jailspec " + e.runId() + " (" + e.target() + ")");
        try {
            Files.createDirectories(resultsDir);
            Files.writeString(resultsDir.resolve(EXECUTOR),
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(executor));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + resultsDir.resolve(EXECUTOR), ex);
        }
    }

    // java.util.Properties syntax: backslash, line breaks, separators; non-Latin-1 as \\uXXXX.
    private static String escape(String s) {
        var sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case ':', '=', '#', '!' -> sb.append('\\').append(c);
                default -> sb.append(c < 0x20 || c > 0xff ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.toString();
    }

    private static String escapeKey(String s) {
        return escape(s).replace(" ", "\\ ");
    }
}
