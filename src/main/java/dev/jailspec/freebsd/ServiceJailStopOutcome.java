package dev.jailspec.freebsd;

import java.util.List;
import java.util.Objects;

/**
 * What {@code service jail stop|onestop NAME} did for one jail. rc.d/jail lists only jails that
 * were running, and prints jail(8)'s output only when the jail is still running after
 * {@code jail -r} (freebsd-facts 2.3).
 */
public record ServiceJailStopOutcome(String name, Status status, String jailOutput, List<String> warnings) {
    public enum Status {
        /** Listed and no longer running. */
        STOPPED,
        /** Not listed: rc.d/jail skips jails that are not running ({@code Stopping jails:.}). */
        NOT_RUNNING,
        /** Listed and still running; {@code jailOutput} holds jail(8)'s text. */
        FAILED,
        /** rc.subr refused because jail_enable is not YES. */
        REFUSED_DISABLED
    }

    public ServiceJailStopOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(jailOutput, "jailOutput");
        warnings = List.copyOf(warnings);
    }
}
