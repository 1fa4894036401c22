package dev.jailspec.report;

import dev.jailspec.event.CommandAborted;
import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandInfo;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.CommandTimedOut;
import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.DownloadRetrying;
import dev.jailspec.event.HostReconnect;
import dev.jailspec.event.EventSubscriber;
import dev.jailspec.event.FileWritten;
import dev.jailspec.event.JailShared;
import dev.jailspec.event.LinuxTemplateUsed;
import dev.jailspec.event.Note;
import dev.jailspec.event.RunFinished;
import dev.jailspec.event.RunStarted;
import dev.jailspec.event.ScenarioFinished;
import dev.jailspec.event.ScenarioStarted;
import dev.jailspec.event.SettingsResolved;
import dev.jailspec.event.StepFinished;
import dev.jailspec.event.StepStarted;
import dev.jailspec.event.WaitFinished;
import dev.jailspec.host.ShellQuote;
import dev.jailspec.report.Runbook.CommandEntry;
import dev.jailspec.report.Runbook.CommentEntry;
import dev.jailspec.report.Runbook.FileEntry;
import dev.jailspec.report.Runbook.Section;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes what a run did on the host as a runbook a person can follow by hand:
 * {@code <reports>/runbook.md} for the whole run and {@code <reports>/runbook/NN-scenario.sh} per
 * scenario. Every command the host ran is there, in order, grouped by Gherkin step (commands of
 * hooks, such as the teardown after a scenario, under a heading of their own), argv quoted by
 * {@link ShellQuote}; every file jailspec wrote is a here-document followed by its chmod.
 * Commands that only read state are marked {@code # probe}; a non-zero exit status is noted.
 * Nothing is left out and nothing is added: downloads, which jailspec makes itself rather than on
 * the host, appear as comments.
 *
 * <p>The files are rewritten after each scenario and at the end of the run, so a run that stops
 * early still leaves the runbook of what it did.
 *
 * <p>This class turns events into the {@link Runbook} model and writes the files; the script text
 * is {@link RunbookScripts}', the markdown {@link RunbookMarkdown}'s.
 */
public final class RunbookExporter implements EventSubscriber {
    public static final String MARKDOWN = "runbook.md";
    public static final String SCRIPTS = "runbook";
    static final int MAX_SLUG = 60;

    private final Path reportsDir;
    private final Path projectDir;
    private final Runbook runbook = new Runbook();
    private final RunbookScripts scripts = new RunbookScripts(runbook);
    private final RunbookMarkdown markdown = new RunbookMarkdown(runbook, scripts);
    private final Map<Long, CommandEntry> openCommands = new HashMap<>();

    public RunbookExporter(Path reportsDir) {
        this(reportsDir, Path.of("").toAbsolutePath());
    }

    /** {@code projectDir}: feature paths are shown relative to it. */
    public RunbookExporter(Path reportsDir, Path projectDir) {
        this.reportsDir = reportsDir;
        this.projectDir = projectDir;
    }

    @Override
    public void subscribeTo(Handlers on) {
        on.on(RunStarted.class, e -> locked(() -> {
            runbook.runId = e.runId();
            runbook.target = e.target();
            clearOldFiles();
            writeMarkdown();
        }));
        on.on(SettingsResolved.class, e -> locked(() -> {
            runbook.settings = new TreeMap<>(e.values());
            runbook.sources = e.sources();
        }));
        on.on(ScenarioStarted.class, e -> locked(() -> {
            int index = runbook.scenarios.size() + 1;
            runbook.startScenario(e.name(), featurePath(e.uri()), String.format("%02d-%s", index, slug(e.name())));
        }));
        on.on(StepStarted.class, e -> locked(() -> runbook.startStep(e.text())));
        on.on(StepFinished.class, e -> locked(() -> runbook.endStep(e.status().name(), e.error())));
        on.on(ScenarioFinished.class, e -> locked(() -> scenarioFinished(e)));
        on.on(CommandStarted.class, e -> locked(() -> {
            var entry = new CommandEntry(e.command());
            entry.env = new TreeMap<>(e.command().env());
            runbook.add(entry);
            openCommands.put(e.id(), entry);
        }));
        on.on(CommandFinished.class, e -> locked(() -> {
            CommandEntry entry = openCommand(e.id(), e.command());
            entry.exitCode = e.exitCode();
            entry.stdin = e.stdin();
        }));
        on.on(CommandTimedOut.class, e -> locked(() -> openCommand(e.id(), e.command()).timedOut =
                "TIMED OUT: killed after " + e.durationMs() + " ms (limit " + e.timeoutMs() + " ms)"));
        on.on(CommandAborted.class, e -> locked(() -> openCommand(e.id(), e.command()).timedOut =
                "ENDED WITHOUT AN EXIT STATUS: " + e.error()));
        on.on(FileWritten.class, e -> locked(() -> runbook.add(new FileEntry(e.path(), e.mode(), e.content()))));
        on.on(Note.class, e -> locked(() -> runbook.add(new CommentEntry("note: " + e.text()))));
        // A scenario that takes over a jail runs none of the commands that built it: its script says whose they are.
        on.on(JailShared.class, e -> locked(() -> runbook.add(new CommentEntry("note: " + e.describe()))));
        // A reused Linux template extracts nothing: the script says where the userland came from.
        on.on(LinuxTemplateUsed.class, e -> locked(() -> runbook.add(new CommentEntry("note: " + e.describe()))));
        on.on(WaitFinished.class, e -> locked(() -> runbook.add(new CommentEntry("waited for " + e.alias() + ": "
                + (e.satisfied() ? "done" : "GAVE UP") + " after " + e.elapsedMs() + " ms and " + e.polls() + " poll"
                + (e.polls() == 1 ? "" : "s") + " (timeout " + e.timeoutMs() + " ms); the polls are the probes above"))));
        on.on(DownloadFinished.class, e -> locked(() -> {
            runbook.downloads.add(e);
            runbook.add(new CommentEntry(downloadComment(e)));
        }));
        on.on(DownloadRetrying.class, e -> locked(() -> runbook.add(new CommentEntry("jailspec's download of " + e.url()
                + " failed (attempt " + e.attempt() + " of " + e.maxAttempts() + ": " + e.reason() + "); retried after "
                + e.delayMs() + " ms"))));
        on.on(HostReconnect.class, e -> locked(() -> runbook.add(new CommentEntry("the connection to " + e.host()
                + " had dropped; jailspec logged in again: " + (e.succeeded() ? "connected" : "failed: " + e.reason())
                + " (attempt " + e.attempt() + " of " + e.maxAttempts() + ")"))));
        on.on(RunFinished.class, e -> locked(() -> runFinished(e)));
    }

    // Events come in order from one bus, but a runbook rewrite must not interleave with the next event.
    private synchronized void locked(Runnable action) {
        action.run();
    }

    private void scenarioFinished(ScenarioFinished e) {
        Section current = runbook.currentScenario();
        if (current != null) {
            current.status = e.status().name();
            current.error = e.error();
            writeScript(current);
            writeMarkdown();
        }
        runbook.endScenario();
    }

    private void runFinished(RunFinished e) {
        runbook.finished = true;
        runbook.passed = e.passed();
        if (!runbook.afterScenarios.isEmpty()) {
            writeScript(runbook.afterScenarios);
        }
        if (!runbook.beforeScenarios.isEmpty()) {
            writeScript(runbook.beforeScenarios);
        }
        writeMarkdown();
    }

    /** The entry its CommandStarted made, or a new one when that event was not seen. */
    private CommandEntry openCommand(long id, CommandInfo command) {
        CommandEntry entry = openCommands.remove(id);
        if (entry == null) {
            entry = new CommandEntry(command);
            runbook.add(entry);
        }
        return entry;
    }

    private static String downloadComment(DownloadFinished e) {
        if (e.destination() instanceof DownloadFinished.InMemory) {
            return "jailspec read " + e.url() + " (" + e.bytes() + " bytes, sha256 " + e.sha256() + ") itself, not on the host";
        }
        return "jailspec downloaded " + e.url() + (e.fromCache() ? " (already in its cache)" : " (" + e.bytes() + " bytes)")
                + ", sha256 " + e.sha256() + ", on the machine running jailspec, not on the host; by hand: fetch -o FILE "
                + e.url();
    }

    // --- files ---

    private void writeScript(Section s) {
        write(reportsDir.resolve(SCRIPTS).resolve(s.fileStem + ".sh"), scripts.script(s));
    }

    private void writeMarkdown() {
        write(reportsDir.resolve(MARKDOWN), markdown.markdown());
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the runbook " + file, e);
        }
    }

    private void clearOldFiles() {
        Path dir = reportsDir.resolve(SCRIPTS);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().endsWith(".sh")) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the runbook directory " + dir, e);
        }
    }

    /** "The jail's dataset is a clone" -> "the-jail-s-dataset-is-a-clone", at most {@value #MAX_SLUG} characters. */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_SLUG) {
            s = s.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "scenario" : s;
    }

    private String featurePath(String uri) {
        try {
            URI u = URI.create(uri);
            if ("file".equals(u.getScheme())) {
                Path p = Path.of(u);
                return p.startsWith(projectDir) ? projectDir.relativize(p).toString() : p.toString();
            }
            return u.getSchemeSpecificPart();
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }
}
