package dev.jailspec.freebsd;

import java.util.List;
import java.util.Optional;

/**
 * What {@code service jail start|onestart NAME...} really did. rc.d/jail exits 0 even when a
 * jail failed to start (freebsd-facts 2.3), so the exit status says nothing: this record holds
 * what its output says.
 *
 * @param started names rc.d/jail printed as started
 * @param failed jails it printed {@code cannot start jail} for, with jail(8)'s text
 * @param refusedBecauseDisabled rc.subr refused {@code start} because jail_enable is not YES
 *     (it prints {@code Cannot 'start' jail. Set jail_enable to YES ...} and exits 0)
 * @param warnings stderr lines, e.g. {@code /etc/rc.d/jail: WARNING: Invalid configuration for
 *     NAME ... Jail NAME was ignored.}
 */
public record ServiceJailOutcome(List<String> started, List<JailStartFailure> failed,
                                 boolean refusedBecauseDisabled, List<String> warnings) {

    public ServiceJailOutcome {
        started = List.copyOf(started);
        failed = List.copyOf(failed);
        warnings = List.copyOf(warnings);
    }

    public boolean started(String name) {
        return started.contains(name);
    }

    public Optional<JailStartFailure> failure(String name) {
        return failed.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Why {@code name} is not among the started jails, for a test report; empty if it started. */
    public Optional<String> whyNotStarted(String name) {
        if (started(name)) {
            return Optional.empty();
        }
        if (refusedBecauseDisabled) {
            return Optional.of("service jail refused to start " + name
                    + ": jail_enable is not YES in rc.conf (use onestart, or sysrc jail_enable=YES)");
        }
        Optional<JailStartFailure> f = failure(name).or(() -> failure("*"));
        if (f.isPresent()) {
            return Optional.of("jail " + name + " did not start; jail(8) said:\n" + f.get().jailOutput());
        }
        Optional<String> ignored = warnings.stream().filter(w -> w.contains("Jail " + name + " was ignored")).findFirst();
        return Optional.of(ignored.orElse("rc.d/jail did not report starting " + name
                + (warnings.isEmpty() ? "" : "; warnings: " + String.join("; ", warnings))));
    }
}
