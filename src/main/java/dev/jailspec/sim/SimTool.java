package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;

/** One FreeBSD program of the simulated host. Implementations hold no state of their own. */
interface SimTool {

    /** The program's name, e.g. {@code zfs}. */
    String name();

    /** Where FreeBSD installs it, e.g. {@code /sbin/zfs}; the only absolute paths that run it. */
    List<String> paths();

    /** Whether the program can run inside a jail (where its file must also exist in the jail). */
    default boolean runsInJail() {
        return false;
    }

    /** Runs the program and returns its exit status. */
    int run(Invocation inv) throws IOException;
}
