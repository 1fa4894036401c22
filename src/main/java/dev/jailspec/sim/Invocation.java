package dev.jailspec.sim;

import java.util.List;

/** One run of a simulated program: its arguments, where it runs, and where its output goes. */
record Invocation(String program, List<String> args, SimContext ctx, Output out, byte[] stdin, String cwd) {

    Invocation {
        args = List.copyOf(args);
        stdin = stdin == null ? new byte[0] : stdin;
    }

    SimFileSystem fs() {
        return ctx.fs();
    }

    SimState state() {
        return ctx.machine().state();
    }

    SimMachine machine() {
        return ctx.machine();
    }

    /**
     * The program opened a network connection. In a jail that is what keeps the prison dying
     * after {@code jail -r} (sockets in TIME_WAIT hold references; freebsd-facts 9.3), see
     * {@link DyingJails}.
     */
    void openedConnection() {
        if (ctx.inJail()) {
            ctx.jail().network = true;
        }
    }

    /** An argument path made absolute against the working directory. */
    String abs(String path) {
        return SimFileSystem.absolute(cwd, path);
    }

    void out(String line) {
        out.outln(line);
    }

    void err(String line) {
        out.errln(line);
    }
}
