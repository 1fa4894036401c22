package dev.jailspec.freebsd;

import java.util.List;
import java.util.Objects;

/**
 * {@code freebsd-version -kru}: the installed kernel, the running kernel and the installed
 * userland, always printed in that order (freebsd-facts 5.2). They differ between
 * {@code freebsd-update install} and the reboot (transcripts freebsd-version-kru/002, 004).
 */
public record FreebsdVersions(ReleaseVersion kernel, ReleaseVersion running, ReleaseVersion userland) {

    public FreebsdVersions {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(running, "running");
        Objects.requireNonNull(userland, "userland");
    }

    public static FreebsdVersions parse(String stdout) {
        List<String> lines = stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.size() != 3) {
            throw new IllegalArgumentException("freebsd-version -kru should print 3 lines, got " + lines.size() + ": " + stdout);
        }
        return new FreebsdVersions(ReleaseVersion.parse(lines.get(0)), ReleaseVersion.parse(lines.get(1)),
                ReleaseVersion.parse(lines.get(2)));
    }

    /** True when the installed kernel is not the one running: a reboot is pending. */
    public boolean rebootPending() {
        return !kernel.equals(running);
    }
}
