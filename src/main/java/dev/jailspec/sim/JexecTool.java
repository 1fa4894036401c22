package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * jexec(8) (freebsd-facts 2.5): runs a command inside a running jail, where the program must
 * exist under the jail's path; the exit status is the command's own.
 */
final class JexecTool implements SimTool {
    static final String USAGE = "usage: jexec [-l] [-u username | -U username] jail [command ...]";

    @Override
    public String name() {
        return "jexec";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/sbin/jexec");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        Optional<Getopt> parsed = Getopt.parseOrUsage(inv, "jexec", "lnu:U:", USAGE);
        if (parsed.isEmpty()) {
            return 1;
        }
        Getopt g = parsed.get();
        if (g.has('n')) {
            throw new SimUnsupportedException("jexec -n");
        }
        if (g.operands().isEmpty() || (g.has('u') && g.has('U'))) {
            inv.err(USAGE);
            return 1;
        }
        String jailName = g.operands().get(0);
        Optional<SimState.JailState> jail = inv.state().jail(jailName);
        if (jail.isEmpty()) {
            inv.err("jexec: " + DyingJails.lookupError(inv.state(), jailName)); // jexec.c: errx(1, "%s", jail_errmsg)
            return 1;
        }
        SimContext ctx = inv.machine().jailContext(jail.get());
        String user = g.has('u') ? g.last('u') : g.has('U') ? g.last('U') : null;
        if (user != null && !user.equals("root") && !userInJail(ctx, user, g.has('U'))) {
            inv.err("jexec: " + user + ": no such user");
            return 1;
        }
        List<String> command = g.operands().subList(1, g.operands().size());
        if (command.isEmpty()) {
            throw new SimUnsupportedException("jexec without a command (an interactive shell)");
        }
        String cwd = g.has('l') ? "/root" : "/";
        if (g.has('l') && !ctx.fs().isDirectory(cwd)) {
            cwd = "/";
        }
        try {
            return inv.machine().exec(ctx, command, inv.out(), inv.stdin(), cwd);
        } catch (ExecNotFoundException e) {
            inv.err("jexec: execvp: " + e.program() + ": " + Errno.ENOENT);
            return 1;
        }
    }

    /** -u looks the user up on the host (only root exists there), -U in the jail's /etc/passwd. */
    private static boolean userInJail(SimContext ctx, String user, boolean inJail) throws IOException {
        if (!inJail || !ctx.fs().isRegularFile("/etc/passwd")) {
            return false;
        }
        return ctx.fs().readText("/etc/passwd").lines().anyMatch(l -> l.startsWith(user + ":"));
    }
}
