package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The simulated host while one command runs: its files, its loaded state and its programs.
 * Programs call back into it to run other programs (rc.d/jail runs jail(8), which runs
 * ifconfig(8) on the host and /etc/rc in the jail).
 */
final class SimMachine {
    /** PATH of root's login class in FreeBSD's default login.conf; also what rc.d scripts use. */
    static final List<String> PATH = List.of("/sbin", "/bin", "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin");

    private final SimFileSystem hostFs;
    private final SimState state;
    private final StateStore store;
    private final ToolTable tools;
    private final Clock clock;
    private final SimFaults faults;
    private final Duration networkDying;

    SimMachine(SimFileSystem hostFs, SimState state, StateStore store, ToolTable tools, Clock clock, SimFaults faults,
               Duration networkDying) {
        this.hostFs = hostFs;
        this.state = state;
        this.store = store;
        this.tools = tools;
        this.clock = clock;
        this.faults = faults;
        this.networkDying = networkDying;
    }

    /** How long a jail that made network connections stays dying after its removal (jailspec.sim.dying). */
    Duration networkDying() {
        return networkDying;
    }

    /** The injected faults (jailspec.sim.faults), applied to every program before it runs. */
    SimFaults faults() {
        return faults;
    }

    SimState state() {
        return state;
    }

    SimFileSystem hostFs() {
        return hostFs;
    }

    StateStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    /** The installed programs, found by path (chroot(8) looks programs up in its new root). */
    ToolTable tools() {
        return tools;
    }

    SimContext hostContext() {
        return new SimContext(this, hostFs, null);
    }

    SimContext jailContext(SimState.JailState jail) throws IOException {
        return new SimContext(this, hostFs.chroot(jail.path), jail);
    }

    /**
     * Runs a command typed at root's shell on the host. A program sh cannot find gives sh's own
     * message: FreeBSD's /bin/sh prints {@code NAME: not found} (no "sh:" prefix, see
     * find_command() in bin/sh/exec.c) and the status is 127.
     */
    int runFromShell(List<String> argv, Output out, byte[] stdin, String cwd) throws IOException {
        try {
            return exec(hostContext(), argv, out, stdin, cwd);
        } catch (ExecNotFoundException e) {
            out.errln(argv.get(0) + ": not found");
            return 127;
        }
    }

    /**
     * execvp(3) in {@code ctx}. On the host the simulated programs are the installed base
     * system; in a jail the program must also exist as a file under the jail's path. An injected
     * fault that matches {@code argv} takes the program's place.
     */
    int exec(SimContext ctx, List<String> argv, Output out, byte[] stdin, String cwd)
            throws IOException, ExecNotFoundException {
        Optional<Integer> injected = faults.apply(argv, out);
        if (injected.isPresent()) {
            return injected.get();
        }
        String program = argv.get(0);
        SimTool tool = ctx.inJail() ? findInJail(ctx, program, cwd) : findOnHost(program, cwd);
        return tool.run(new Invocation(program, argv.subList(1, argv.size()), ctx, out, stdin, cwd));
    }

    private SimTool findOnHost(String program, String cwd) throws IOException, ExecNotFoundException {
        if (program.contains("/")) {
            String abs = SimFileSystem.absolute(cwd, program);
            Optional<SimTool> tool = tools.byPath(abs);
            if (tool.isPresent()) {
                return tool.get();
            }
            if (hostFs.isRegularFile(abs)) {
                throw new SimUnsupportedException("the simulated host cannot run " + abs);
            }
            throw new ExecNotFoundException(program);
        }
        for (String dir : PATH) {
            Optional<SimTool> tool = tools.byPath(dir + "/" + program);
            if (tool.isPresent()) {
                return tool.get();
            }
            if (hostFs.isRegularFile(dir + "/" + program)) {
                throw new SimUnsupportedException("the simulated host cannot run " + dir + "/" + program);
            }
        }
        throw new ExecNotFoundException(program);
    }

    private SimTool findInJail(SimContext ctx, String program, String cwd) throws IOException, ExecNotFoundException {
        String found = ExecPath.find(program, cwd, PATH, abs -> isExecutableFile(ctx.fs(), abs)).orElse(null);
        if (found == null) {
            throw new ExecNotFoundException(program);
        }
        Path real = ctx.fs().resolve(found);
        String canonical = ctx.fs().simPath(real);
        Optional<SimTool> tool = tools.byPath(canonical).filter(SimTool::runsInJail);
        if (tool.isEmpty()) {
            throw new SimUnsupportedException("cannot run " + canonical + " inside jail \"" + ctx.jail().name + "\"");
        }
        return tool.get();
    }

    private static boolean isExecutableFile(SimFileSystem fs, String abs) throws IOException {
        Path real = fs.resolve(abs);
        return Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS);
    }

    long nextTxg() {
        return ++state.lastTxg;
    }
}
