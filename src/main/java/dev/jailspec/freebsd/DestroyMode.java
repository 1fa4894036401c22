package dev.jailspec.freebsd;

import java.util.Optional;

/**
 * How far {@code zfs destroy} reaches (freebsd-facts 1.6): without a flag it refuses when the
 * dataset has children or snapshots; {@code -r} takes descendants; {@code -R} also takes
 * dependents such as clones outside the hierarchy.
 */
public enum DestroyMode {
    NONE(null), RECURSIVE("-r"), DEPENDENTS("-R");

    private final String flag;

    DestroyMode(String flag) {
        this.flag = flag;
    }

    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }
}
