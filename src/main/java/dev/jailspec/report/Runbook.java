package dev.jailspec.report;

import dev.jailspec.event.CommandInfo;
import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.FileContent;
import dev.jailspec.event.Stdin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run did on the host, as the runbook shows it: sections (the hooks before the first
 * scenario, one per scenario, the hooks after the last) of groups (a Gherkin step, or the hooks
 * around the steps) of entries (a command, a file written, a comment). {@link RunbookExporter}
 * fills it from the bus; {@link RunbookScripts} and {@link RunbookMarkdown} render it.
 */
final class Runbook {
    String runId = "";
    String target = "";
    boolean finished;
    Boolean passed;
    Map<String, String> settings = Map.of();
    Map<String, String> sources = Map.of();
    final Section beforeScenarios = new Section(0, "Before the first scenario", "", "00-before-all");
    final Section afterScenarios = new Section(0, "After the last scenario", "", "99-after-all");
    final List<Section> scenarios = new ArrayList<>();
    final List<DownloadFinished> downloads = new ArrayList<>();
    private Section current;
    private Group group;

    static final class Section {
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

    static final class Group {
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

    sealed interface Entry permits CommandEntry, FileEntry, CommentEntry {
    }

    static final class CommandEntry implements Entry {
        final List<String> argv;
        final boolean probe;
        Stdin stdin = Stdin.NONE;
        /** Variables the command set on top of the host's environment, shown as {@code env K=V cmd}. */
        Map<String, String> env = Map.of();
        Integer exitCode;
        String timedOut;

        CommandEntry(CommandInfo command) {
            this.argv = command.argv();
            this.probe = command.intent().readOnly();
        }
    }

    record FileEntry(String path, int mode, FileContent content) implements Entry {
    }

    record CommentEntry(String text) implements Entry {
    }

    Section startScenario(String name, String feature, String fileStem) {
        current = new Section(scenarios.size() + 1, name, feature, fileStem);
        scenarios.add(current);
        group = null;
        return current;
    }

    /** The scenario that is running, or null between scenarios. */
    Section currentScenario() {
        return current;
    }

    void endScenario() {
        current = null;
        group = null;
    }

    void startStep(String text) {
        Section section = section();
        section.hadSteps = true;
        group = new Group(text, true);
        section.groups.add(group);
    }

    void endStep(String status, String error) {
        if (group != null && group.gherkin) {
            group.status = status;
            group.error = error;
        }
        group = null;
    }

    /** Adds to the step that runs, else to a group for the hooks around the steps. */
    void add(Entry entry) {
        Section section = section();
        if (group == null) {
            group = new Group(section == beforeScenarios || section == afterScenarios ? "Hooks of the run"
                    : section.hadSteps ? "After the steps: hooks (the teardown of the scenario)"
                    : "Before the first step: hooks", false);
            section.groups.add(group);
        }
        group.entries.add(entry);
    }

    private Section section() {
        if (current != null) {
            return current;
        }
        return scenarios.isEmpty() ? beforeScenarios : afterScenarios;
    }
}
