package dev.jailspec.report;

import dev.jailspec.event.CommandInfo;
import dev.jailspec.event.CommandIntent;
import dev.jailspec.event.CommandKind;
import dev.jailspec.event.FileContent;
import dev.jailspec.event.Stdin;
import java.util.List;

/** Short ways to write the command parts of events in the report's tests. */
final class TestCommands {
    private TestCommands() {
    }

    /** A command run on the host itself that changes state (what a command is unless its tool says otherwise). */
    static CommandInfo cmd(List<String> argv) {
        return CommandInfo.onHost(argv, CommandIntent.CHANGE);
    }

    /** A command of a long-running kind (extract, dnf, ...), as its tool names it. */
    static CommandInfo cmd(List<String> argv, CommandKind kind) {
        return CommandInfo.onHost(argv, CommandIntent.CHANGE.withKind(kind));
    }

    static CommandInfo probe(List<String> argv) {
        return CommandInfo.onHost(argv, CommandIntent.READ);
    }

    static Stdin stdin(String text) {
        return text.isEmpty() ? Stdin.NONE : new Stdin.Text(text);
    }

    static FileContent text(String text) {
        return new FileContent.Text(text);
    }
}
