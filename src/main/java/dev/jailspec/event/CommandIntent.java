package dev.jailspec.event;

import java.util.Objects;

/**
 * What the typed tool that issues a command knows about it and the argv does not say: its kind,
 * whether it only reads state (a probe: the runbook marks it, and it changes nothing on the host),
 * and what of its output to highlight. Travels from the tool on the command to the events.
 */
public record CommandIntent(CommandKind kind, boolean readOnly, Highlight highlight) {
    public static final CommandIntent CHANGE = new CommandIntent(CommandKind.DEFAULT, false, Highlight.NONE);
    public static final CommandIntent READ = new CommandIntent(CommandKind.DEFAULT, true, Highlight.NONE);

    public CommandIntent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(highlight, "highlight");
    }

    public CommandIntent withKind(CommandKind newKind) {
        return new CommandIntent(newKind, readOnly, highlight);
    }

    public CommandIntent withReadOnly(boolean newReadOnly) {
        return new CommandIntent(kind, newReadOnly, highlight);
    }

    public CommandIntent withHighlight(Highlight newHighlight) {
        return new CommandIntent(kind, readOnly, newHighlight);
    }
}
