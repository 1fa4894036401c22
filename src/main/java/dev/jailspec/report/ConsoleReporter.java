package dev.jailspec.report;

import dev.jailspec.event.CommandAborted;
import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandTimedOut;
import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.DownloadRetrying;
import dev.jailspec.event.HostReconnect;
import dev.jailspec.event.EventSubscriber;
import dev.jailspec.event.Note;
import dev.jailspec.event.RunFinished;
import dev.jailspec.event.JailKept;
import dev.jailspec.event.JailShared;
import dev.jailspec.event.LinuxTemplateUsed;
import dev.jailspec.event.RunStarted;
import dev.jailspec.event.ScenarioFinished;
import dev.jailspec.event.ScenarioStarted;
import dev.jailspec.event.SettingsResolved;
import dev.jailspec.event.StepFinished;
import dev.jailspec.event.StepStarted;
import dev.jailspec.event.WaitFinished;
import dev.jailspec.host.ShellQuote;
import java.io.PrintStream;
import java.util.List;

/**
 * A terse live log for the person watching the build: scenario and step headers, one line per
 * host command, and the end of stderr when a command exits non-zero. Everything else is in the
 * event log and the Allure report.
 */
public final class ConsoleReporter implements EventSubscriber {
    static final int STDERR_TAIL_LINES = 5;

    private final LiveConsole out;

    /** Prints plain lines to {@code out} (no terminal status line). */
    public ConsoleReporter(PrintStream out) {
        this(new LiveConsole(out, false));
    }

    /** Prints through the console shared with the progress reporter. */
    public ConsoleReporter(LiveConsole out) {
        this.out = out;
    }

    @Override
    public void subscribeTo(Handlers on) {
        on.on(RunStarted.class, e -> out.line("jailspec run " + e.runId() + " on " + e.target()));
        on.on(SettingsResolved.class, e -> {
            out.line("jailspec settings in effect:");
            e.values().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(v -> out.line(String.format(
                    "  %-26s = %-28s (%s)", v.getKey(), v.getValue(), e.sources().getOrDefault(v.getKey(), "?"))));
        });
        on.on(ScenarioStarted.class, e -> out.line("Scenario: " + e.name()));
        on.on(JailKept.class, e -> KeptJailText.lines(e).forEach(l -> out.line("  " + l)));
        on.on(JailShared.class, e -> out.line("  # " + e.describe()));
        on.on(LinuxTemplateUsed.class, e -> out.line("  # " + e.describe()));
        on.on(StepStarted.class, e -> out.line("> " + e.text()));
        on.on(CommandFinished.class, this::printCommand);
        on.on(CommandTimedOut.class, e -> out.line("  $ " + ShellQuote.join(e.argv()) + "  -> TIMED OUT after "
                + e.durationMs() + " ms (limit " + e.timeoutMs() + " ms), killed"));
        on.on(CommandAborted.class, e -> out.line("  $ " + ShellQuote.join(e.argv()) + "  -> ended without an exit status: "
                + e.error()));
        on.on(WaitFinished.class, e -> {
            if (!e.satisfied()) {
                out.line("  await " + e.alias() + " gave up after " + e.elapsedMs() + " ms (" + e.polls() + " polls)");
            }
        });
        on.on(DownloadFinished.class, e -> out.line("  downloaded " + e.url()
                + (e.fromCache() ? " (from the cache)" : " (" + e.bytes() + " bytes)")));
        on.on(DownloadRetrying.class, e -> out.line("  download of " + e.url() + " failed (attempt " + e.attempt()
                + " of " + e.maxAttempts() + ": " + e.reason() + "); retrying in " + e.delayMs() + " ms"));
        on.on(HostReconnect.class, e -> out.line("  the connection to " + e.host() + " had dropped; logging in again "
                + (e.succeeded() ? "succeeded" : "FAILED: " + e.reason()) + " (attempt " + e.attempt() + " of "
                + e.maxAttempts() + ")"));
        on.on(Note.class, e -> out.line("  # " + e.text()));
        on.on(StepFinished.class, e -> {
            if (!e.status().passed()) {
                out.line("  step " + e.status() + firstLine(e.error()));
            }
        });
        on.on(ScenarioFinished.class, e -> out.line("Scenario " + e.status() + ": " + e.name() + firstLine(e.error())));
        on.on(RunFinished.class, e -> out.line("jailspec run " + e.runId() + (e.passed() ? " passed" : " FAILED")));
    }

    private void printCommand(CommandFinished e) {
        out.line("  $ " + ShellQuote.join(e.argv()) + "  -> exit " + e.exitCode() + " (" + e.durationMs() + " ms)");
        if (e.exitCode() != 0) {
            List<String> lines = e.stderr().strip().lines().toList();
            lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size())
                    .forEach(line -> out.line("      " + line));
        }
    }

    private static String firstLine(String error) {
        return error == null || error.isBlank() ? "" : ": " + error.strip().lines().findFirst().orElse("");
    }
}
