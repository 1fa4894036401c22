package dev.jailspec.report;

import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.FileContent;
import dev.jailspec.event.Stdin;
import dev.jailspec.host.ShellScript;
import dev.jailspec.report.Runbook.CommandEntry;
import dev.jailspec.report.Runbook.CommentEntry;
import dev.jailspec.report.Runbook.Entry;
import dev.jailspec.report.Runbook.FileEntry;
import dev.jailspec.report.Runbook.Group;
import dev.jailspec.report.Runbook.Section;
import java.util.ArrayList;
import java.util.Locale;

/**
 * A {@link Runbook} section as the shell script {@code runbook/NN-scenario.sh}: a header saying
 * what it is, then each group's entries in order, commands with their notes ({@code # probe},
 * a non-zero exit, a timeout), files as here-documents followed by their chmod. The sh text
 * itself comes from {@link ShellScript}; the markdown shows the same text per step.
 */
final class RunbookScripts {
    private final Runbook runbook;

    RunbookScripts(Runbook runbook) {
        this.runbook = runbook;
    }

    String script(Section s) {
        var sb = new StringBuilder(header(s));
        for (Group g : s.groups) {
            sb.append('\n').append(ShellScript.comment("---- " + g.title)).append('\n');
            for (Entry entry : g.entries) {
                sb.append(shell(entry));
            }
            if (!g.status.isEmpty() && !g.status.equals("PASSED")) {
                sb.append(ShellScript.comment("step " + g.status + (g.error.isBlank() ? "" : ": " + g.error.strip())))
                        .append('\n');
            }
        }
        if (!s.status.isEmpty() && !s.status.equals("PASSED")) {
            sb.append('\n').append(ShellScript.comment("scenario " + s.status
                    + (s.error.isBlank() ? "" : ": " + s.error.strip()))).append('\n');
        }
        return sb.toString();
    }

    private String header(Section s) {
        var sb = new StringBuilder("#!/bin/sh\n");
        if (s.index > 0) {
            sb.append(ShellScript.comment("jailspec runbook, scenario " + s.index + ": " + s.name)).append('\n');
            sb.append(ShellScript.comment("Feature: " + s.feature)).append('\n');
        } else {
            sb.append(ShellScript.comment("jailspec runbook: " + s.name.toLowerCase(Locale.ROOT) + " (hooks of the run)"))
                    .append('\n');
        }
        sb.append(ShellScript.comment("Run " + runbook.runId + " on target " + runbook.target
                + (s.status.isEmpty() ? "" : "; scenario " + s.status)
                + (runbook.target.equals("sim") ? " (simulated host: a dry run of what a real run does)" : "")))
                .append('\n');
        sb.append("#\n");
        sb.append("# What jailspec ran on the host, in the order it ran, grouped by Gherkin step. Files it\n");
        sb.append("# wrote are here-documents. \"# probe\" marks commands that only read state; a non-zero\n");
        sb.append("# exit status is noted after a command. Follow it step by step rather than run it blindly:\n");
        sb.append("# some probes are expected to fail before the thing they look for exists.\n");
        return sb.toString();
    }

    /** One entry as sh text, ending with a newline. */
    String shell(Entry entry) {
        if (entry instanceof CommandEntry c) {
            return command(c);
        } else if (entry instanceof FileEntry f) {
            return file(f);
        } else if (entry instanceof CommentEntry n) {
            return ShellScript.comment(n.text()) + '\n';
        }
        throw new IllegalStateException("unknown runbook entry " + entry);
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
        String line = ShellScript.command(c.argv, c.env);
        String note = notes.isEmpty() ? "" : "  # " + oneLine(String.join("; ", notes));
        if (!(c.stdin instanceof Stdin.Text t) || t.text().isEmpty()) {
            return line + note + '\n';
        }
        return ShellScript.withStdin(line, note, t.text());
    }

    private String file(FileEntry f) {
        String mode = ShellScript.octal(f.mode());
        if (f.content() instanceof FileContent.Copied copied) {
            String source = copied.localFile();
            String origin = runbook.downloads.stream()
                    .filter(d -> d.destination() instanceof DownloadFinished.CachedFile c && source.startsWith(c.path()))
                    .reduce((a, b) -> b)
                    .map(d -> source.equals(((DownloadFinished.CachedFile) d.destination()).path())
                            ? "; it is the download of " + d.url()
                            : "; it was made by jailspec from the download of " + d.url())
                    .orElse("");
            return ShellScript.comment("jailspec copied " + source + " from the machine running it to " + f.path()
                    + " (mode " + mode + ")" + origin) + '\n';
        }
        return ShellScript.comment("jailspec wrote " + f.path() + " (mode " + mode + "):") + '\n'
                + ShellScript.writeFile(f.path(), f.mode(), ((FileContent.Text) f.content()).text());
    }

    /** Line breaks as " / ": for a note after a command or a table cell. */
    static String oneLine(String text) {
        return text.replace("\r", "").replace("\n", " / ");
    }
}
