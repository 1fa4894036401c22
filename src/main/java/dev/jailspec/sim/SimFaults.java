package dev.jailspec.sim;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The faults of a simulated host ({@code jailspec.sim.faults}), checked before every program
 * runs: on the host, inside a jail ({@code jexec NAME ...}, exec.start), in jail(8)'s exec.*
 * commands on the host, and in a Linux userland ({@code chroot /compat/rocky dnf ...}). The first
 * matching fault wins.
 */
public record SimFaults(List<SimFault> faults) {
    public static final SimFaults NONE = new SimFaults(List.of());

    public SimFaults {
        faults = List.copyOf(faults);
    }

    Optional<SimFault> match(List<String> argv) {
        return faults.stream().filter(f -> f.kind() != SimFault.Kind.DYING && f.kind() != SimFault.Kind.LINUX_MSG
                && f.matches(argv)).findFirst();
    }

    /** The texts of the {@code linux-msg:} rules that match a Linux program run with {@code argv}. */
    List<String> linuxMessages(List<String> argv) {
        return faults.stream().filter(f -> f.kind() == SimFault.Kind.LINUX_MSG && f.matches(argv))
                .map(SimFault::stderr).toList();
    }

    /** How long a {@code dying:} rule keeps {@code jail} dying after its removal ({@code jail -r NAME}), if one matches. */
    Optional<Duration> dyingAfterRemoval(String jail) {
        List<String> removal = List.of("jail", "-r", jail);
        return faults.stream().filter(f -> f.kind() == SimFault.Kind.DYING && f.matches(removal))
                .map(SimFault::dying).findFirst();
    }

    /**
     * Applies a matching fault: prints its message and returns the exit status to use instead of
     * running the program, or throws {@link Hang}; empty when no fault matches.
     */
    Optional<Integer> apply(List<String> argv, Output out) {
        Optional<SimFault> hit = match(argv);
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        SimFault f = hit.get();
        if (f.kind() == SimFault.Kind.HANG) {
            throw new Hang(f, argv);
        }
        out.errln(f.message());
        return Optional.of(f.kind() == SimFault.Kind.EXIT ? f.exitCode() : 1);
    }

    /** A program hangs: unwinds the simulated command; {@link SimHost} waits for its timeout and kills it. */
    static final class Hang extends RuntimeException {
        private final transient SimFault fault;
        private final transient List<String> argv;

        Hang(SimFault fault, List<String> argv) {
            super("injected hang of " + String.join(" ", argv), null, false, false);
            this.fault = fault;
            this.argv = List.copyOf(argv);
        }

        SimFault fault() {
            return fault;
        }

        List<String> argv() {
            return argv;
        }
    }
}
