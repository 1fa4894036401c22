package dev.jailspec.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jailspec.event.ArtifactResolved;
import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.EventListener;
import dev.jailspec.event.JailspecEvent;
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
 *       (target, release under test, jail name, ...), jailspec's version, the run id, and host
 *       facts as the run finds them: {@code freebsd-version -kru} and {@code zfs version} from
 *       the first successful run of those commands on the host, and the Rocky image's dated
 *       name and sha256 from the {@link ArtifactResolved} event;</li>
 *   <li>{@code executor.json} (who ran it: the run id and target);</li>
 *   <li>{@code categories.json} ({@link AllureCategories}).</li>
 * </ul>
 * Each file is rewritten when what it holds changes, so it is complete whenever the run stops.
 */
public final class AllureEnvironment implements EventListener {
    public static final String FILE = "environment.properties";
    public static final String EXECUTOR = "executor.json";

    public static final String HOST_KERNEL = "host.freebsd-version.kernel";
    public static final String HOST_RUNNING = "host.freebsd-version.running";
    public static final String HOST_USERLAND = "host.freebsd-version.userland";
    public static final String HOST_ZFS = "host.zfs-version";
    public static final String ROCKY_IMAGE = "rocky.image";
    public static final String ROCKY_SHA256 = "rocky.image.sha256";
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
    public synchronized void on(JailspecEvent event) {
        if (event instanceof RunStarted e) {
            entries.put(RUN, e.runId());
            entries.put(VERSION, JailspecVersion.get());
            write();
            writeExecutor(e);
            AllureCategories.writeTo(resultsDir);
        } else if (event instanceof SettingsResolved e) {
            entries.putAll(e.values());
            write();
        } else if (event instanceof CommandFinished e && e.exitCode() == 0) {
            hostFact(e);
        } else if (event instanceof ArtifactResolved e && ArtifactResolved.ROCKY_IMAGE.equals(e.kind())) {
            entries.put(ROCKY_IMAGE, e.name());
            entries.put(ROCKY_SHA256, e.sha256());
            write();
        }
    }

    // Only commands run on the host itself (not in a jail), and only the first answer.
    private void hostFact(CommandFinished e) {
        if (e.argv().equals(List.of("freebsd-version", "-kru")) && !entries.containsKey(HOST_KERNEL)) {
            List<String> lines = e.stdout().strip().lines().toList();
            if (lines.size() == 3) {
                entries.put(HOST_KERNEL, lines.get(0).strip());
                entries.put(HOST_RUNNING, lines.get(1).strip());
                entries.put(HOST_USERLAND, lines.get(2).strip());
                write();
            }
        } else if (e.argv().equals(List.of("zfs", "version")) && !entries.containsKey(HOST_ZFS)) {
            entries.put(HOST_ZFS, String.join(" / ", e.stdout().strip().lines().map(String::strip).toList()));
            write();
        }
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
