package dev.jailspec.freebsd;

import java.util.regex.Pattern;

/**
 * The jail names this harness accepts, checked before any jail tool runs.
 *
 * <p>Stricter than jail(8): no dots (a dot makes a hierarchical child jail, and rc.d/jail turns
 * {@code /} and {@code .} into {@code _}, freebsd-facts 2.3), and no leading {@code -}: the
 * transcript {@code service-jail-restart/001} shows {@code -vvvv} being taken as a jail name.
 */
public final class JailNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    private static final int MAX_LENGTH = 255;

    private JailNames() {
    }

    /** Returns {@code name} if it is a usable jail name (or jid), else throws IllegalArgumentException. */
    public static String requireValid(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("jail name is empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("jail name is longer than " + MAX_LENGTH + " characters: " + name);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid jail name '" + name
                    + "': use letters, digits, '_' and '-', not starting with '-'");
        }
        return name;
    }
}
