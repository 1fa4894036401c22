package dev.jailspec.report;

import dev.jailspec.config.Setting;
import dev.jailspec.event.CommandAborted;
import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.CommandTimedOut;
import dev.jailspec.event.EventSubscriber;
import dev.jailspec.event.DiagnosisCollected;
import dev.jailspec.event.FileContent;
import dev.jailspec.event.FileWritten;
import dev.jailspec.event.Highlight;
import dev.jailspec.event.Stdin;
import dev.jailspec.event.JailKept;
import dev.jailspec.event.JailShared;
import dev.jailspec.event.LinuxTemplateUsed;
import dev.jailspec.event.Note;
import dev.jailspec.event.SettingsResolved;
import dev.jailspec.event.WaitFinished;
import dev.jailspec.host.ShellQuote;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Shows host commands, file writes, settings, notes and waits as Allure steps and attachments
 * under the Gherkin step that caused them (allure-cucumber7-jvm makes the Gherkin steps).
 *
 * <p>Allure's context is thread-local. Events published on a thread with no running Allure test
 * (the Cucumber plugin thread, a background thread) are skipped rather than attached to some
 * other test. A command is finished on the thread that started it, as {@code ObservedHost} does.
 */
public final class AllureBridge implements EventSubscriber {
    private static final String TEXT = "text/plain";

    private final AllureLifecycle allure;
    // Command id -> uuid of its Allure step, for the commands that had a test to belong to.
    private final Map<Long, String> openCommandSteps = new ConcurrentHashMap<>();
    // jailspec.record's directory as a file: URI, when the run records transcripts; and the tests linked to it.
    private volatile Optional<String> transcripts = Optional.empty();
    private final Set<String> linkedToTranscripts = ConcurrentHashMap.newKeySet();

    public AllureBridge() {
        this(Allure.getLifecycle());
    }

    public AllureBridge(AllureLifecycle allure) {
        this.allure = allure;
    }

    @Override
    public void subscribeTo(Handlers on) {
        on.on(CommandStarted.class, this::commandStarted);
        on.on(CommandFinished.class, this::commandFinished);
        on.on(CommandTimedOut.class, this::commandTimedOut);
        on.on(CommandAborted.class, this::commandAborted);
        on.on(FileWritten.class, e -> attachToCurrent(e.path(), e.content() instanceof FileContent.Text t ? t.text()
                : "(a copy of " + ((FileContent.Copied) e.content()).localFile() + ", "
                + ((FileContent.Copied) e.content()).bytes() + " bytes)\n"));
        on.on(SettingsResolved.class, e -> {
            attachToCurrent("settings", settingsText(e));
            String record = e.values().getOrDefault(Setting.RECORD.key(), "");
            transcripts = record.isBlank() ? Optional.empty() : Optional.of(Path.of(record).toAbsolutePath().toUri().toString());
        });
        on.on(DiagnosisCollected.class, e -> e.probes().forEach(p -> attachToCurrent(
                "diagnosis: " + p.name() + (p.answered() ? "" : " (failed)"), "# " + p.source() + "\n" + p.text())));
        on.on(Note.class, e -> instantStep(e.text(), Status.PASSED, step -> { }));
        on.on(JailShared.class, e -> instantStep(e.describe(), Status.PASSED, step -> { }));
        on.on(LinuxTemplateUsed.class, e -> instantStep(e.describe(), Status.PASSED, step -> { }));
        on.on(JailKept.class, e -> attachToCurrent("kept jail " + e.jail() + ": how to enter and remove it",
                String.join("\n", KeptJailText.lines(e)) + "\n"));
        on.on(WaitFinished.class, e -> instantStep("await " + e.alias(), e.satisfied() ? Status.PASSED : Status.FAILED,
                step -> step
                        .setStart(e.at().toEpochMilli() - e.elapsedMs())
                        .getParameters().addAll(List.of(
                                parameter("timeout", e.timeoutMs() + " ms"),
                                parameter("elapsed", e.elapsedMs() + " ms"),
                                parameter("polls", Integer.toString(e.polls()))))));
    }

    private boolean hasRunningTest() {
        return allure.getCurrentTestCaseOrStep().isPresent();
    }

    private void commandStarted(CommandStarted e) {
        if (!hasRunningTest()) {
            return;
        }
        linkTranscripts();
        String uuid = UUID.randomUUID().toString();
        allure.startStep(uuid, new StepResult().setName("$ " + ShellQuote.join(e.argv())));
        allure.updateStep(uuid, step -> step.getParameters().add(parameter("host", e.host())));
        openCommandSteps.put(e.id(), uuid);
    }

    /** A test that ran host commands while they were recorded links the transcripts' directory, once. */
    private void linkTranscripts() {
        transcripts.ifPresent(uri -> allure.getCurrentTestCase().filter(linkedToTranscripts::add).ifPresent(test ->
                allure.updateTestCase(test, t -> t.getLinks().add(new Link().setName("host transcripts (jailspec.record)")
                        .setUrl(uri)))));
    }

    private void commandFinished(CommandFinished e) {
        String uuid = openCommandSteps.remove(e.id());
        if (uuid == null) {
            return;
        }
        // A non-zero exit is often the expected answer (zfs list of a dataset not made yet): the
        // Gherkin step decides the outcome, so the command step shows its exit code, never red.
        allure.updateStep(uuid, step -> step
                .setName(e.exitCode() == 0 ? step.getName() : step.getName() + "  (exit " + e.exitCode() + ")")
                .setStatus(Status.PASSED)
                .getParameters().addAll(List.of(
                        parameter("argv", quotedList(e.argv())),
                        parameter("exit code", Integer.toString(e.exitCode())),
                        parameter("duration", e.durationMs() + " ms"))));
        if (e.stdin() instanceof Stdin.Text t) {
            attachToStep(uuid, "stdin", t.text());
        } else if (e.stdin() instanceof Stdin.Omitted o) {
            attachToStep(uuid, "stdin", "(" + o.bytes() + " bytes, not recorded)\n");
        }
        attachToStep(uuid, "stdout", e.stdout());
        attachToStep(uuid, "stderr", e.stderr());
        stop(uuid);
        attachHighlights(e);
    }

    /**
     * What a reader looks for without opening every command, attached to the Gherkin step itself,
     * as the tool that issued the command asked ({@link Highlight}): dnf's output, an os-release
     * read in the userland, zfs listings as a table with a header.
     */
    private void attachHighlights(CommandFinished e) {
        String where = e.command().where();
        String suffix = where.isEmpty() ? "" : " (" + where + ")";
        Highlight highlight = e.command().intent().highlight();
        if (highlight instanceof Highlight.Output h) {
            var text = new StringBuilder();
            if (!e.stdout().isEmpty()) {
                text.append(e.stdout());
            }
            if (!e.stderr().isEmpty()) {
                text.append(text.length() == 0 ? "" : "\n").append("--- stderr ---\n").append(e.stderr());
            }
            attachToCurrent(h.title() + (e.exitCode() == 0 ? "" : ", exit " + e.exitCode()),
                    text.length() == 0 ? "(no output)\n" : text.toString());
        } else if (highlight instanceof Highlight.Stdout h && e.exitCode() == 0) {
            attachToCurrent(h.title() + suffix, e.stdout());
        } else if (highlight instanceof Highlight.Table h && e.exitCode() == 0 && !e.stdout().isBlank()) {
            attachToCurrent(h.title() + suffix, table(h.columns(), e.stdout()));
        }
    }

    /** Tab-separated {@code zfs list -H} rows under an upper-case header, columns aligned. */
    static String table(List<String> columns, String tabSeparated) {
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new));
        tabSeparated.lines().filter(l -> !l.isEmpty()).forEach(l -> rows.add(l.split("\t", -1)));
        int width = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[width];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        var sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format("%-" + widths[i] + "s  ", r[i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private void commandTimedOut(CommandTimedOut e) {
        String uuid = openCommandSteps.remove(e.id());
        if (uuid == null) {
            return;
        }
        allure.updateStep(uuid, step -> step
                .setStatus(Status.BROKEN)
                .setStatusDetails(new StatusDetails().setMessage("did not finish within " + e.timeoutMs()
                        + " ms and was killed after " + e.durationMs() + " ms"))
                .getParameters().addAll(List.of(
                        parameter("argv", quotedList(e.argv())),
                        parameter("timeout", e.timeoutMs() + " ms"),
                        parameter("duration", e.durationMs() + " ms"))));
        stop(uuid);
    }

    private void commandAborted(CommandAborted e) {
        String uuid = openCommandSteps.remove(e.id());
        if (uuid == null) {
            return;
        }
        allure.updateStep(uuid, step -> step
                .setStatus(Status.BROKEN)
                .setStatusDetails(new StatusDetails().setMessage("ended without an exit status: " + e.error()))
                .getParameters().add(parameter("argv", quotedList(e.argv()))));
        stop(uuid);
    }

    private void stop(String uuid) {
        // stopStep pops this thread's context; on another thread it would pop someone else's step.
        if (allure.getCurrentTestCaseOrStep().filter(uuid::equals).isPresent()) {
            allure.stopStep(uuid);
        } else {
            allure.updateStep(uuid, step -> step.setStage(Stage.FINISHED).setStop(System.currentTimeMillis()));
        }
    }

    /** A step that starts and ends at once: notes and finished waits. */
    private void instantStep(String name, Status status, Consumer<StepResult> details) {
        if (!hasRunningTest()) {
            return;
        }
        String uuid = UUID.randomUUID().toString();
        allure.startStep(uuid, new StepResult().setName(name).setStatus(status));
        allure.updateStep(uuid, details);
        allure.stopStep(uuid);
    }

    private void attachToCurrent(String name, String text) {
        if (hasRunningTest()) {
            allure.addAttachment(name, TEXT, ".txt", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    // By uuid rather than "current", so the attachment lands on the command's step whatever the context holds.
    private void attachToStep(String uuid, String name, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        String source = UUID.randomUUID() + "-attachment.txt";
        allure.updateStep(uuid, step -> step.getAttachments()
                .add(new Attachment().setName(name).setType(TEXT).setSource(source)));
        allure.writeAttachment(source, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String settingsText(SettingsResolved e) {
        var text = new StringBuilder();
        new TreeMap<>(e.values()).forEach((key, value) -> text.append(key).append(" = ").append(value)
                .append("    (").append(e.sources().getOrDefault(key, "unknown")).append(")\n"));
        return text.toString();
    }

    // ["sh", "-c", "a, b"]: unlike List.toString, shows where each argument starts and ends.
    private static String quotedList(List<String> argv) {
        return argv.stream()
                .map(arg -> '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static Parameter parameter(String name, String value) {
        return new Parameter().setName(name).setValue(value);
    }
}
