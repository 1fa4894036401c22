package dev.jailspec.freebsd;

import java.util.Objects;

/**
 * What {@code sysrc NAME=VALUE} reported: {@code NAME: BEFORE -> AFTER}. {@code before} is empty
 * when the variable had no value and no default (printed {@code NAME:  -> AFTER}, two spaces);
 * a default from {@code /etc/defaults/rc.conf} counts as the before value (freebsd-facts 5.1).
 */
public record SysrcChange(String name, String before, String after) {

    public SysrcChange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    public boolean changed() {
        return !before.equals(after);
    }
}
