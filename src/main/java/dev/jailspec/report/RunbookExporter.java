package dev.jailspec.report;

import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.CommandTimedOut;
import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.DownloadRetrying;
import dev.jailspec.event.EventListener;
import dev.jailspec.event.CommandInfo;
import dev.jailspec.event.FileContent;
import dev.jailspec.event.FileWritten;
import dev.jailspec.event.Stdin;
import dev.jailspec.event.JailspecEvent;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 */
public final class RunbookExporter implements EventListener {
    public static final String MARKDOWN = "runbook.md";
    public static final String SCRIPTS = "runbook";
    static final int MAX_SLUG = 60;


    private final Path reportsDir;
    private final Path projectDir;
    private String runId = "";
    private String target = "";
    private boolean finished;
    private Boolean passed;
    private Map<String, String> settings = Map.of();
    private Map<String, String> sources = Map.of();
    private final Section beforeScenarios = new Section(0, "Before the first scenario", "", "00-before-all");
    private final Section afterScenarios = new Section(0, "After the last scenario", "", "99-after-all");
    private final List<Section> scenarios = new ArrayList<>();
    private final Map<Long, CommandEntry> openCommands = new HashMap<>();
    private final List<DownloadFinished> downloads = new ArrayList<>();
    private Section current;
    private Group group;

    public RunbookExporter(Path reportsDir) {
        this(reportsDir, Path.of("").toAbsolutePath());
    }

    /** {@code projectDir}: feature paths are shown relative to it. */
    public RunbookExporter(Path reportsDir, Path projectDir) {
        this.reportsDir = reportsDir;
        this.projectDir = projectDir;
    }

    // --- the model: sections (scenarios) of groups (steps) of entries ---

    private static final class Section {
        final int index;
        final String name;
        final String feature;
        final String fileStem;
        final List<Group> groups = new ArrayList<>();
        String status = "";
        String error = "";
        boolean hadSteps;

        Section(int index, String name, String feature, String fileStem) {
            this.index = index;
            this.name = name;
            this.feature = feature;
            this.fileStem = fileStem;
        }

        boolean isEmpty() {
            return groups.stream().allMatch(g -> g.entries.isEmpty());
        }
    }

    private static final class Group {
        final String title;
        final boolean gherkin;
        final List<Entry> entries = new ArrayList<>();
        String status = "";
        String error = "";

        Group(String title, boolean gherkin) {
            this.title = title;
            this.gherkin = gherkin;
        }
    }

    private sealed interface Entry permits CommandEntry, FileEntry, CommentEntry {
    }

    private static final class CommandEntry implements Entry {
        final List<String> argv;
        final boolean probe;
        Stdin stdin = Stdin.NONE;
        /** Variables the command set on top of the host's environment, shown as {@code env K=V cmd}. */
        java.util.Map<String, String> env = java.util.Map.of();
        Integer exitCode;
        String timedOut;

        CommandEntry(CommandInfo command) {
            this.argv = command.argv();
            this.probe = command.intent().readOnly();
        }
    }

    private record FileEntry(String path, int mode, FileContent content) implements Entry {
    }

    private record CommentEntry(String text) implements Entry {
    }

    // --- events ---

    @Override
    public synchronized void on(JailspecEvent event) {
        if (event instanceof RunStarted e) {
            runId = e.runId();
            target = e.target();
            clearOldFiles();
            writeMarkdown();
        } else if (event instanceof SettingsResolved e) {
            settings = new TreeMap<>(e.values());
            sources = e.sources();
        } else if (event instanceof ScenarioStarted e) {
            int index = scenarios.size() + 1;
            current = new Section(index, e.name(), featurePath(e.uri()), String.format("%02d-%s", index, slug(e.name())));
            scenarios.add(current);
            group = null;
        } else if (event instanceof StepStarted e) {
            Section section = section();
            section.hadSteps = true;
            group = new Group(e.text(), true);
            section.groups.add(group);
        } else if (event instanceof StepFinished e) {
            if (group != null && group.gherkin) {
                group.status = e.status();
                group.error = e.error();
            }
            group = null;
        } else if (event instanceof ScenarioFinished e) {
            if (current != null) {
                current.status = e.status();
                current.error = e.error();
                writeScript(current);
                writeMarkdown();
            }
            current = null;
            group = null;
        } else if (event instanceof CommandStarted e) {
            var entry = new CommandEntry(e.command());
            entry.env = new java.util.TreeMap<>(e.command().env());
            add(entry);
            openCommands.put(e.id(), entry);
        } else if (event instanceof CommandFinished e) {
            CommandEntry entry = openCommands.remove(e.id());
            if (entry == null) {
                entry = new CommandEntry(e.command());
                add(entry);
            }
            entry.exitCode = e.exitCode();
            entry.stdin = e.stdin();
        } else if (event instanceof CommandTimedOut e) {
            CommandEntry entry = openCommands.remove(e.id());
            if (entry == null) {
                entry = new CommandEntry(e.command());
                add(entry);
            }
            entry.timedOut = "TIMED OUT: killed after " + e.durationMs() + " ms (limit " + e.timeoutMs() + " ms)";
        } else if (event instanceof FileWritten e) {
            add(new FileEntry(e.path(), e.mode(), e.content()));
        } else if (event instanceof Note e) {
            add(new CommentEntry("note: " + e.text()));
        } else if (event instanceof WaitFinished e) {
            add(new CommentEntry("waited for " + e.alias() + ": " + (e.satisfied() ? "done" : "GAVE UP") + " after "
                    + e.elapsedMs() + " ms and " + e.polls() + " poll" + (e.polls() == 1 ? "" : "s")
                    + " (timeout " + e.timeoutMs() + " ms); the polls are the probes above"));
        } else if (event instanceof DownloadFinished e) {
            downloads.add(e);
            add(new CommentEntry(downloadComment(e)));
        } else if (event instanceof DownloadRetrying e) {
            add(new CommentEntry("jailspec's download of " + e.url() + " failed (attempt " + e.attempt() + " of "
                    + e.maxAttempts() + ": " + e.reason() + "); retried after " + e.delayMs() + " ms"));
        } else if (event instanceof RunFinished e) {
            finished = true;
            passed = e.passed();
            if (!afterScenarios.isEmpty()) {
                writeScript(afterScenarios);
            }
            if (!beforeScenarios.isEmpty()) {
                writeScript(beforeScenarios);
            }
            writeMarkdown();
        }
    }

    private Section section() {
        if (current != null) {
            return current;
        }
        return scenarios.isEmpty() ? beforeScenarios : afterScenarios;
    }

    private void add(Entry entry) {
        Section section = section();
        if (group == null) {
            group = new Group(section == beforeScenarios || section == afterScenarios ? "Hooks of the run"
                    : section.hadSteps ? "After the steps: hooks (the teardown of the scenario)"
                    : "Before the first step: hooks", false);
            section.groups.add(group);
        }
        group.entries.add(entry);
    }

    private static String downloadComment(DownloadFinished e) {
        if (e.path().equals("-")) {
            return "jailspec read " + e.url() + " (" + e.bytes() + " bytes, sha256 " + e.sha256() + ") itself, not on the host";
        }
        return "jailspec downloaded " + e.url() + (e.fromCache() ? " (already in its cache)" : " (" + e.bytes() + " bytes)")
                + ", sha256 " + e.sha256() + ", on the machine running jailspec, not on the host; by hand: fetch -o FILE "
                + e.url();
    }

    // --- the shell scripts ---

    private String scriptHeader(Section s) {
        var sb = new StringBuilder("#!/bin/sh\n");
        if (s.index > 0) {
            sb.append(comment("jailspec runbook, scenario " + s.index + ": " + s.name)).append('\n');
            sb.append(comment("Feature: " + s.feature)).append('\n');
        } else {
            sb.append(comment("jailspec runbook: " + s.name.toLowerCase(Locale.ROOT) + " (hooks of the run)")).append('\n');
        }
        sb.append(comment("Run " + runId + " on target " + target + (s.status.isEmpty() ? "" : "; scenario " + s.status)
                + (target.equals("sim") ? " (simulated host: a dry run of what a real run does)" : ""))).append('\n');
        sb.append("#\n");
        sb.append("# What jailspec ran on the host, in the order it ran, grouped by Gherkin step. Files it\n");
        sb.append("# wrote are here-documents. \"# probe\" marks commands that only read state; a non-zero\n");
        sb.append("# exit status is noted after a command. Follow it step by step rather than run it blindly:\n");
        sb.append("# some probes are expected to fail before the thing they look for exists.\n");
        return sb.toString();
    }

    private String script(Section s) {
        var sb = new StringBuilder(scriptHeader(s));
        for (Group g : s.groups) {
            sb.append('\n').append(comment("---- " + g.title)).append('\n');
            for (Entry entry : g.entries) {
                sb.append(shell(entry));
            }
            if (!g.status.isEmpty() && !g.status.equals("PASSED")) {
                sb.append(comment("step " + g.status + (g.error.isBlank() ? "" : ": " + g.error.strip()))).append('\n');
            }
        }
        if (!s.status.isEmpty() && !s.status.equals("PASSED")) {
            sb.append('\n').append(comment("scenario " + s.status + (s.error.isBlank() ? "" : ": " + s.error.strip())))
                    .append('\n');
        }
        return sb.toString();
    }

    private String shell(Entry entry) {
        if (entry instanceof CommandEntry c) {
            return command(c);
        } else if (entry instanceof FileEntry f) {
            return file(f);
        } else if (entry instanceof CommentEntry n) {
            return comment(n.text()) + '\n';
        }
        throw new IllegalStateException("unknown runbook entry " + entry);
    }

    private static List<String> withEnv(CommandEntry c) {
        if (c.env.isEmpty()) {
            return c.argv;
        }
        var argv = new ArrayList<String>();
        argv.add("env");
        c.env.forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(c.argv);
        return argv;
    }

    private static String command(CommandEntry c) {
        var notes = new ArrayList<String>();
        if (c.stdin instanceof Stdin.Omitted o) {
            notes.add("stdin was <" + o.bytes() + " bytes>, not recorded");
        }
        if (c.probe) {
            notes.add("probe");
        }
        if (c.timedOut != null) {
            notes.add(c.timedOut);
        } else if (c.exitCode == null) {
            notes.add("no result recorded (the command did not return)");
        } else if (c.exitCode != 0) {
            notes.add("exit " + c.exitCode);
        }
        String line = ShellQuote.join(withEnv(c));
        String note = notes.isEmpty() ? "" : "  # " + oneLine(String.join("; ", notes));
        if (!(c.stdin instanceof Stdin.Text t) || t.text().isEmpty()) {
            return line + note + '\n';
        }
        String stdin = t.text();
        String delimiter = delimiter(stdin);
        if (stdin.endsWith("\n")) {
            return line + " <<'" + delimiter + "'" + note + '\n' + stdin + delimiter + '\n';
        }
        // A here-document always ends with a newline; $(...) takes it off again, exactly.
        return "printf '%s' \"$(cat <<'" + delimiter + "'\n" + stdin + '\n' + delimiter + "\n)\" | " + line + note + '\n';
    }

    private String file(FileEntry f) {
        String path = ShellQuote.quote(f.path());
        String mode = String.format("%04o", f.mode());
        if (f.content() instanceof FileContent.Copied copied) {
            String source = copied.localFile();
            String origin = downloads.stream()
                    .filter(d -> !d.path().equals("-") && source.startsWith(d.path()))
                    .reduce((a, b) -> b)
                    .map(d -> source.equals(d.path()) ? "; it is the download of " + d.url()
                            : "; it was made by jailspec from the download of " + d.url())
                    .orElse("");
            return comment("jailspec copied " + source + " from the machine running it to " + f.path()
                    + " (mode " + mode + ")" + origin) + '\n';
        }
        String content = ((FileContent.Text) f.content()).text();
        var sb = new StringBuilder(comment("jailspec wrote " + f.path() + " (mode " + mode + "):")).append('\n');
        if (content.isEmpty()) {
            sb.append(": > ").append(path).append('\n');
        } else {
            String delimiter = delimiter(content);
            if (content.endsWith("\n")) {
                sb.append("cat > ").append(path).append(" <<'").append(delimiter).append("'\n")
                        .append(content).append(delimiter).append('\n');
            } else {
                // A here-document always ends with a newline; $(...) takes it off again, exactly.
                sb.append("printf '%s' \"$(cat <<'").append(delimiter).append("'\n").append(content).append('\n')
                        .append(delimiter).append("\n)\" > ").append(path).append('\n');
            }
        }
        sb.append("chmod ").append(mode).append(' ').append(path).append('\n');
        return sb.toString();
    }

    /** EOF, or EOF_1, EOF_2, ... : the first that is not a line of {@code content}. */
    static String delimiter(String content) {
        List<String> lines = content.lines().toList();
        String candidate = "EOF";
        for (int n = 1; lines.contains(candidate); n++) {
            candidate = "EOF_" + n;
        }
        return candidate;
    }

    private static String comment(String text) {
        return "# " + text.strip().replace("\r", "").replace("\n", "\n# ");
    }

    private static String oneLine(String text) {
        return text.replace("\r", "").replace("\n", " / ");
    }

    // --- the markdown ---

    private String markdown() {
        var md = new StringBuilder("# Runbook of jailspec run " + runId + "\n\n");
        md.append("What jailspec ran on the host (target `").append(target).append("`), in order: every command, grouped")
                .append(" by scenario and Gherkin step, with the files it wrote as here-documents. Each scenario is also")
                .append(" a shell script under [`runbook/`](runbook/) to follow by hand. `# probe` marks commands that")
                .append(" only read state; a non-zero exit status is noted after a command. Downloads are made by jailspec")
                .append(" itself, not on the host: they appear as comments.\n\n");
        if (target.equals("sim")) {
            md.append("> Target `sim`: these commands ran on jailspec's simulated FreeBSD host, so this is a dry run of")
                    .append(" what a real run does with the same settings. A real host that already has the template")
                    .append(" reuses it, so its probes and skipped steps can differ.\n\n");
        }
        md.append(finished ? "Run " + (Boolean.TRUE.equals(passed) ? "passed" : "FAILED") + ".\n\n"
                : "Run in progress or stopped early: this is what it did so far.\n\n");
        if (!settings.isEmpty()) {
            md.append("## Settings\n\n| key | value | from |\n|---|---|---|\n");
            settings.forEach((k, v) -> md.append("| `").append(k).append("` | ").append(v.isEmpty() ? "(empty)" : "`" + cell(v) + "`").append(" | ")
                    .append(cell(sources.getOrDefault(k, "?"))).append(" |\n"));
            md.append('\n');
        }
        md.append("## Scenarios\n\n| # | scenario | feature | status | script |\n|---|---|---|---|---|\n");
        for (Section s : scenarios) {
            md.append("| ").append(s.index).append(" | ").append(cell(s.name)).append(" | ").append(cell(s.feature))
                    .append(" | ").append(s.status.isEmpty() ? "running" : s.status).append(" | ")
                    .append(s.status.isEmpty() ? "" : "[" + s.fileStem + ".sh](" + SCRIPTS + "/" + s.fileStem + ".sh)")
                    .append(" |\n");
        }
        md.append('\n');
        if (!beforeScenarios.isEmpty()) {
            markdownSection(md, beforeScenarios);
        }
        scenarios.forEach(s -> markdownSection(md, s));
        if (!afterScenarios.isEmpty()) {
            markdownSection(md, afterScenarios);
        }
        return md.toString();
    }

    private void markdownSection(StringBuilder md, Section s) {
        md.append("## ").append(s.index > 0 ? s.index + ". " : "").append(s.name).append("\n\n");
        if (s.index > 0) {
            md.append("Feature `").append(s.feature).append("`, ").append(s.status.isEmpty() ? "running" : s.status)
                    .append(". Script: [").append(SCRIPTS).append('/').append(s.fileStem).append(".sh](")
                    .append(SCRIPTS).append('/').append(s.fileStem).append(".sh)\n\n");
        }
        for (Group g : s.groups) {
            md.append("### ").append(g.gherkin ? g.title : "(" + g.title + ")").append("\n\n");
            var code = new StringBuilder();
            g.entries.forEach(entry -> code.append(shell(entry)));
            if (code.length() > 0) {
                String fence = fence(code.toString());
                md.append(fence).append("sh\n").append(code).append(fence).append("\n\n");
            } else {
                md.append("No host commands.\n\n");
            }
            if (!g.status.isEmpty() && !g.status.equals("PASSED")) {
                md.append("**Step ").append(g.status).append("**").append(g.error.isBlank() ? "\n\n" : ":\n\n");
                if (!g.error.isBlank()) {
                    String fence = fence(g.error);
                    md.append(fence).append('\n').append(g.error.strip()).append('\n').append(fence).append("\n\n");
                }
            }
        }
    }

    /** A code fence longer than any run of backticks in {@code text}. */
    private static String fence(String text) {
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    // --- files ---

    private void writeScript(Section s) {
        write(reportsDir.resolve(SCRIPTS).resolve(s.fileStem + ".sh"), script(s));
    }

    private void writeMarkdown() {
        write(reportsDir.resolve(MARKDOWN), markdown());
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
