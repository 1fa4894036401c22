package dev.jailspec.event;

import java.util.Arrays;
import java.util.Locale;

/**
 * What kind of work a command is, named by the typed tool that issues it: it picks the command's
 * timeout class ({@code jailspec.timeout.<key>}) and tells the console which commands are long
 * activities worth a progress line. The reports never guess it from the argv.
 */
public enum CommandKind {
    DEFAULT, JAIL, DOWNLOAD, EXTRACT, UPDATE, DNF;

    /** The lower-case key, as in {@code jailspec.timeout.extract}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Downloads, extractions, updates and dnf transactions get progress lines on the console. */
    public boolean isLongActivity() {
        return this == DOWNLOAD || this == EXTRACT || this == UPDATE || this == DNF;
    }

    /** The kind with key {@code key}; an unknown key is a programming error and says which keys exist. */
    public static CommandKind ofKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no command kind '" + key + "'; kinds are "
                        + Arrays.stream(values()).map(CommandKind::key).toList()));
    }
}
