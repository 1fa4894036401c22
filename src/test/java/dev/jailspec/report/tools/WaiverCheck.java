package dev.jailspec.report.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jailspec.config.SettingsLoader;
import dev.jailspec.event.Outcome;
import dev.jailspec.report.ReportListeners;
import dev.jailspec.report.Waiver;
import dev.jailspec.report.WaiverFile;
import dev.jailspec.report.WaiverVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Run by Maven after the features and their report ({@code exec:java}, pom.xml; failsafe itself
 * ignores scenario failures): decides the build from the run's scenario outcomes in the event log
 * and the waivers. An unwaived failure or an expired waiver fails it; a waived failure is printed
 * as known; a waived scenario that passed is printed as "waiver can be removed".
 *
 * <p>Arguments: the event log ({@code reports/events.jsonl}) and the waivers file. After a matrix run
 * (a {@code cells/} directory beside the log, and no log of a single run) it judges every cell's own
 * log, {@code cells/<cell>/events.jsonl}: a cell that ran and left no complete log fails the build.
 */
public final class WaiverCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WaiverCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: WaiverCheck EVENTS_JSONL WAIVERS_TSV");
        }
        LocalDate today = LocalDate.now(SettingsLoader.fromEnvironment(Path.of("")).clock());
        List<Map.Entry<String, Outcome>> outcomes = runOutcomes(Path.of(args[0]));
        List<Waiver> waivers = WaiverFile.load(Path.of(args[1]));
        WaiverVerdict v = WaiverVerdict.of(waivers, today, outcomes);
        v.lines().forEach(l -> System.out.println("[waivers] " + l));
        // One line always, so the log says the build was judged and on what.
        System.out.println("[waivers] judged " + outcomes.size() + " scenario outcome(s) against " + waivers.size()
                + " waiver(s) in " + args[1] + ": " + (v.failsBuild() ? "the build fails" : "the build passes"));
        if (v.failsBuild()) {
            throw new IllegalStateException("[waivers] " + v.failures().size() + " scenario(s) failed without a waiver, "
                    + v.expired().size() + " waiver(s) expired; see the lines above and reports/allure-report");
        }
    }

    /** The outcomes of a single run's log or, after a matrix run, of every cell's log together. */
    static List<Map.Entry<String, Outcome>> runOutcomes(Path log) throws IOException {
        Path cells = log.resolveSibling(ReportListeners.CELLS);
        if (Files.exists(log) || !Files.isDirectory(cells)) {
            return outcomes(log);
        }
        List<Map.Entry<String, Outcome>> all = new ArrayList<>();
        try (var dirs = Files.list(cells)) {
            for (Path cell : dirs.filter(Files::isDirectory).sorted().toList()) {
                all.addAll(outcomes(cell.resolve(log.getFileName())));
            }
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("[waivers] no cell of the matrix in " + cells + " ran a scenario");
        }
        return all;
    }

    /** The scenario outcomes of the last run in the log; a log without a run, or cut before its end, is refused. */
    static List<Map.Entry<String, Outcome>> outcomes(Path log) throws IOException {
        if (!Files.exists(log)) {
            throw new IllegalStateException("[waivers] no event log " + log + ": the features did not run");
        }
        List<Map.Entry<String, Outcome>> out = null;
        boolean finished = false;
        boolean passed = false;
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            if (line.isBlank()) {
                continue;
            }
            JsonNode e = event(log, n, line);
            switch (e.path("type").asText()) {
                case "RunStarted" -> {
                    out = new ArrayList<>();
                    finished = false;
                }
                case "ScenarioFinished" -> {
                    if (out != null) {
                        out.add(Map.entry(e.path("name").asText(), Outcome.valueOf(e.path("status").asText())));
                    }
                }
                case "RunFinished" -> {
                    finished = true;
                    passed = e.path("passed").asBoolean();
                }
                default -> { }
            }
        }
        if (out == null || !finished) {
            throw new IllegalStateException("[waivers] " + log + " has no complete run (RunStarted ... RunFinished):"
                    + " the features stopped before their end; see the first error of this build");
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("[waivers] no scenario ran in the last run of " + log
                    + "; see the first error of this build");
        }
        if (!passed && out.stream().noneMatch(o -> WaiverVerdict.failedOutcome(o.getValue()))) {
            // Cucumber's run result failed with every scenario green: a BeforeAll or AfterAll hook failed
            throw new IllegalStateException("[waivers] the run failed outside its scenarios (a run hook); see the"
                    + " first error of this build");
        }
        return out;
    }

    /** One line of the log as JSON; a line that is not names the file, the line and what to do. */
    private static JsonNode event(Path log, int n, String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            String start = line.length() > 80 ? line.substring(0, 80) + "..." : line;
            throw new IllegalStateException("[waivers] " + log + " line " + n + " is not a JSON event ("
                    + e.getOriginalMessage() + "): " + start.replace('\0', '?') + "\nThe log is one writer's, one event a"
                    + " line; a broken line means the run was cut mid-line or something else wrote the file. Run the"
                    + " features again (mvn verify) and judge the new log; keep this one if it happens again.", e);
        }
    }
}
