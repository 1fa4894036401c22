package dev.jailspec.provision;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code rpm --verifydb} said of the userland's rpm database: rpm 4.16's {@code --verifydb}
 * (rpmpopt: {@code exec rpmdb --verifydb}, tools/rpmdb.c) opens and checks the database files and
 * is silent with exit 0 when they are sound. A damaged database makes dnf and rpm fail on every
 * later transaction.
 */
public record RpmDatabaseState(int exitCode, String stderr) {
    public RpmDatabaseState {
        Objects.requireNonNull(stderr, "stderr");
    }

    /** The message a user reads when the database is not sound, with the way out; empty when it is. */
    public Optional<String> problem(String userlandRoot) {
        if (exitCode == 0) {
            return Optional.empty();
        }
        return Optional.of("the rpm database in " + userlandRoot + "/var/lib/rpm is not sound: rpm --verifydb exited "
                + exitCode + (stderr.isBlank() ? "" : ":\n" + stderr.strip()) + "\nrebuild it with `rpm --rebuilddb` in the"
                + " Linux userland, and look for an interrupted dnf transaction in /var/log/dnf.log");
    }
}
