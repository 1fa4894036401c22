package dev.jailspec.sim;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import java.nio.file.Path;
import java.util.List;

/** Small helpers shared by the simulator's tests. */
final class SimTestSupport {
    private SimTestSupport() {
    }

    /** A day on which 14.3-RELEASE (the defaults' release) is supported and not within 3 months of its EoL. */
    static final java.time.Instant SUPPORTED_14_3 = java.time.Instant.parse("2026-01-15T00:00:00Z");

    static SimHost freshHost(Path dir) {
        return freshHost(dir, SimHostSpec.defaults(), SUPPORTED_14_3);
    }

    /** A host on a pinned clock: freebsd-update's end-of-life test reads it. */
    static SimHost freshHost(Path dir, SimHostSpec spec, java.time.Instant now) {
        return SimHost.create(dir, spec, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    }

    static CommandResult run(SimHost host, String... argv) {
        return host.run(Command.of(List.of(argv)));
    }

    static CommandResult run(SimHost host, List<String> argv) {
        return host.run(Command.of(argv));
    }

    /** Runs a command that must succeed and returns its stdout. */
    static String ok(SimHost host, String... argv) {
        CommandResult r = run(host, argv);
        if (r.exitCode() != 0) {
            throw new AssertionError("`" + String.join(" ", argv) + "` exited " + r.exitCode() + ": " + r.stderr() + r.stdout());
        }
        return r.stdout();
    }
}
