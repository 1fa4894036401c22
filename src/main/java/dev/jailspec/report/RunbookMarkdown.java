package dev.jailspec.report;

import dev.jailspec.report.Runbook.Group;
import dev.jailspec.report.Runbook.Section;

/**
 * A {@link Runbook} as {@code runbook.md}: what the run was and how it ended, its settings, a
 * table of the scenarios with their scripts, then every section step by step with the same sh
 * text as the scripts ({@link RunbookScripts}) in code fences.
 */
final class RunbookMarkdown {
    private final Runbook runbook;
    private final RunbookScripts scripts;

    RunbookMarkdown(Runbook runbook, RunbookScripts scripts) {
        this.runbook = runbook;
        this.scripts = scripts;
    }

    String markdown() {
        var md = new StringBuilder("# Runbook of jailspec run " + runbook.runId + "\n\n");
        md.append("What jailspec ran on the host (target `").append(runbook.target).append("`), in order: every command, grouped")
                .append(" by scenario and Gherkin step, with the files it wrote as here-documents. Each scenario is also")
                .append(" a shell script under [`runbook/`](runbook/) to follow by hand. `# probe` marks commands that")
                .append(" only read state; a non-zero exit status is noted after a command. Downloads are made by jailspec")
                .append(" itself, not on the host: they appear as comments.\n\n");
        if (runbook.target.equals("sim")) {
            md.append("> Target `sim`: these commands ran on jailspec's simulated FreeBSD host, so this is a dry run of")
                    .append(" what a real run does with the same settings. A real host that already has the template")
                    .append(" reuses it, so its probes and skipped steps can differ.\n\n");
        }
        md.append(runbook.finished ? "Run " + (Boolean.TRUE.equals(runbook.passed) ? "passed" : "FAILED") + ".\n\n"
                : "Run in progress or stopped early: this is what it did so far.\n\n");
        if (!runbook.settings.isEmpty()) {
            md.append("## Settings\n\n| key | value | from |\n|---|---|---|\n");
            runbook.settings.forEach((k, v) -> md.append("| `").append(k).append("` | ")
                    .append(v.isEmpty() ? "(empty)" : "`" + cell(v) + "`").append(" | ")
                    .append(cell(runbook.sources.getOrDefault(k, "?"))).append(" |\n"));
            md.append('\n');
        }
        md.append("## Scenarios\n\n| # | scenario | feature | status | script |\n|---|---|---|---|---|\n");
        for (Section s : runbook.scenarios) {
            md.append("| ").append(s.index).append(" | ").append(cell(s.name)).append(" | ").append(cell(s.feature))
                    .append(" | ").append(s.status.isEmpty() ? "running" : s.status).append(" | ")
                    .append(s.status.isEmpty() ? "" : "[" + s.fileStem + ".sh](" + RunbookExporter.SCRIPTS + "/"
                            + s.fileStem + ".sh)")
                    .append(" |\n");
        }
        md.append('\n');
        if (!runbook.beforeScenarios.isEmpty()) {
            section(md, runbook.beforeScenarios);
        }
        runbook.scenarios.forEach(s -> section(md, s));
        if (!runbook.afterScenarios.isEmpty()) {
            section(md, runbook.afterScenarios);
        }
        return md.toString();
    }

    private void section(StringBuilder md, Section s) {
        String scriptsDir = RunbookExporter.SCRIPTS;
        md.append("## ").append(s.index > 0 ? s.index + ". " : "").append(s.name).append("\n\n");
        if (s.index > 0) {
            md.append("Feature `").append(s.feature).append("`, ").append(s.status.isEmpty() ? "running" : s.status)
                    .append(". Script: [").append(scriptsDir).append('/').append(s.fileStem).append(".sh](")
                    .append(scriptsDir).append('/').append(s.fileStem).append(".sh)\n\n");
        }
        for (Group g : s.groups) {
            md.append("### ").append(g.gherkin ? g.title : "(" + g.title + ")").append("\n\n");
            var code = new StringBuilder();
            g.entries.forEach(entry -> code.append(scripts.shell(entry)));
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
    static String fence(String text) {
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static String cell(String text) {
        return RunbookScripts.oneLine(text).replace("|", "\\|");
    }
}
