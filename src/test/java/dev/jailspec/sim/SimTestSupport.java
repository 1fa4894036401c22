package dev.jailspec.sim;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import java.nio.file.Path;
import java.util.List;

/** Small helpers shared by the simulator's tests. */
final class SimTestSupport {
    private SimTestSupport() {
    }

    static SimHost freshHost(Path dir) {
        return SimHost.create(dir, SimHostSpec.defaults());
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
