package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Python 3.9 of a Rocky userland (dnf runs on it, so every image with dnf has it), for the one
 * program that opens a pty: {@code python3 -c "import os; os.openpty()"}. os.openpty() calls
 * glibc's openpty(3), which opens {@code /dev/ptmx} and then the slave under {@code /dev/pts};
 * both must be nodes of the Linux {@code /dev}, and the devfs mounted there shows them only if its
 * ruleset unhides them (devfsrules_unhide_login: {@code ptmx}, {@code pts}). Otherwise the call
 * fails with ENOENT and Python prints its traceback ({@code FileNotFoundError: [Errno 2] No such
 * file or directory}, exit 1) [UNVERIFIED: traceback layout of CPython 3.9 from its documented
 * format, not a transcript of this call]. Any other program is not modelled.
 */
final class RockyPython3 implements SimTool {
    /** The program the harness runs. */
    static final String OPEN_PTY = "import os; os.openpty()";

    @Override
    public String name() {
        return "python3";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/python3.9");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        if (!inv.args().equals(List.of("-c", OPEN_PTY))) {
            throw new SimUnsupportedException("python3 " + String.join(" ", inv.args()) + " (only -c '" + OPEN_PTY + "')");
        }
        if (!ptyNodes(inv)) {
            inv.err("Traceback (most recent call last):");
            inv.err("  File \"<string>\", line 1, in <module>");
            inv.err("FileNotFoundError: [Errno 2] " + Errno.ENOENT);
            return 1;
        }
        return 0;
    }

    /** Whether the devfs on the userland's /dev shows ptmx and the pts directory. */
    private static boolean ptyNodes(Invocation inv) throws IOException {
        java.nio.file.Path dev;
        try {
            dev = inv.fs().resolve("/dev");
        } catch (SimPathException e) {
            return false;
        }
        Optional<SimState.MountState> devfs = inv.state().mounts.stream()
                .filter(m -> m.fstype.equals("devfs"))
                .filter(m -> {
                    try {
                        return inv.machine().hostFs().resolve(m.mountpoint).equals(dev);
                    } catch (IOException | SimPathException e) {
                        return false;
                    }
                })
                .reduce((first, second) -> second);
        if (devfs.isEmpty()) {
            return false;
        }
        List<String> shown = DevfsRulesets.visible(inv.machine(), LsTool.ruleset(devfs.get()));
        return shown.contains("ptmx") && shown.contains("pts/");
    }
}
