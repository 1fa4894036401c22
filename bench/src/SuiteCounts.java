import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what one run asked of its host, from the run's {@code reports/events.jsonl}: the numbers
 * the performance issue sets goals for (host commands, {@code zfs list} and {@code zfs get}, {@code sysrc}, image copies, hashes and
 * extractions per archive, and the passes over each image, {@code ArchiveInspected}: {@code inspections} in all,
 * {@code inspect.<image>} each, {@code inspect-cached.<image>} for one a warm run took from the inspection cache; the
 * Linux template's uses, {@code linux-template.built}, {@code .rebuilt} and {@code .reused}, from {@code LinuxTemplateUsed}). Prints one {@code key<TAB>value} line each, sorted by key, so two
 * runs' outputs compare line by line ({@code bench/suite --previous}).
 *
 * <p>Usage: {@code java -cp CLASSPATH SuiteCounts EVENTS_JSONL}
 */
public final class SuiteCounts {
    private final Map<String, Long> counts = new TreeMap<>(Map.of("inspections", 0L));

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SuiteCounts EVENTS_JSONL");
            System.exit(2);
        }
        SuiteCounts suite = new SuiteCounts();
        Instant[] span = suite.read(Path.of(args[0]));
        if (span[0] != null && span[1] != null) {
            suite.counts.put("run.wall.ms", Duration.between(span[0], span[1]).toMillis());
        }
        suite.counts.forEach((k, v) -> System.out.println(k + "\t" + v));
    }

    private Instant[] read(Path events) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Instant[] span = new Instant[2];
        Map<String, Long> seen = new LinkedHashMap<>();
        try (BufferedReader lines = Files.newBufferedReader(events)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode e = json.readTree(line);
                String type = e.path("type").asText();
                seen.merge(type, 1L, Long::sum);
                switch (type) {
                    case "RunStarted" -> span[0] = Instant.parse(e.path("at").asText());
                    case "RunFinished" -> span[1] = Instant.parse(e.path("at").asText());
                    case "ScenarioStarted" -> add("scenarios");
                    case "ArchiveInspected" -> {
                        // A warm run's inspections come from the cache: they read nothing, so they are not passes.
                        if ("CACHE".equals(e.path("source").asText())) {
                            add("inspect-cached." + e.path("name").asText());
                        } else {
                            add("inspect." + e.path("name").asText());
                            add("inspections");
                        }
                    }
                    // A Linux jail's userland cloned from the kept Linux template: built (an extraction), rebuilt, or reused (none).
                    case "LinuxTemplateUsed" -> add("linux-template." + e.path("change").asText().toLowerCase(java.util.Locale.ROOT));
                    case "CommandStarted" -> command(e.path("command"));
                    case "FileWritten" -> {
                        if ("Copied".equals(e.path("content").path("type").asText())) {
                            add("host.copy." + baseName(e.path("path").asText()));
                        }
                    }
                    case "DownloadFinished" -> {
                        if (!e.path("fromCache").asBoolean()) {
                            add("download.fetched");
                            counts.merge("download.bytes", e.path("bytes").asLong(), Long::sum);
                        } else {
                            add("download.fromCache");
                        }
                    }
                    default -> { }
                }
            }
        }
        if (seen.isEmpty()) {
            throw new IOException(events + " holds no events: run mvn verify first");
        }
        return span;
    }

    private void command(JsonNode command) {
        add("commands");
        JsonNode argv = command.path("innerArgv").isEmpty() ? command.path("argv") : command.path("innerArgv");
        JsonNode intent = command.path("intent");
        if (intent.path("readOnly").asBoolean()) {
            add("commands.readOnly");
        }
        add("commands.kind." + intent.path("kind").asText("DEFAULT"));
        String program = argv.path(0).asText();
        if (program.equals("zfs") || program.equals("jls") || program.equals("ifconfig") || program.equals("sysrc")) {
            add("commands." + program + (program.equals("zfs") ? "." + argv.path(1).asText() : ""));
        }
        if (program.equals("sha256")) {
            add("host.hash." + baseName(argv.path(argv.size() - 1).asText()));
        }
        if ("EXTRACT".equals(intent.path("kind").asText())) {
            for (int i = 0; i < argv.size() - 1; i++) {
                if (argv.path(i).asText().matches("-x\\w*f")) {
                    add("host.extract." + baseName(argv.path(i + 1).asText()));
                }
            }
        }
    }

    private void add(String key) {
        counts.merge(key, 1L, Long::sum);
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
