package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * chroot(8) of FreeBSD (usr.sbin/chroot/chroot.c): {@code chroot newroot command ...}. It
 * chdir()s to newroot and chroot()s there, then execvp()s the command; every failure is
 * {@code err(1, ...)}: {@code chroot: DIR: No such file or directory} and
 * {@code chroot: CMD: No such file or directory}, both exit 1 (GNU chroot's 127 is not
 * FreeBSD's).
 *
 * <p>In a Linux userland root (its os-release says so) the programs are the Rocky ones of
 * {@link LinuxUserland}, and they run only while linux64.ko is loaded; without it execve()
 * fails with ENOEXEC: {@code chroot: /bin/bash: Exec format error}. In a FreeBSD tree the
 * simulated FreeBSD programs run, provided their file is in that tree.
 */
final class ChrootTool implements SimTool {
    static final String USAGE = "usage: chroot [-g group] [-G group,group,...] [-u user] [-n] newroot [command]";

    @Override
    public String name() {
        return "chroot";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/sbin/chroot");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        Optional<Getopt> parsed = Getopt.parseOrUsage(inv, "chroot", "G:g:u:n", USAGE);
        if (parsed.isEmpty()) {
            return 1;
        }
        Getopt g = parsed.get();
        g.refuseUnsupported("chroot", "Ggun");
        List<String> ops = g.operands();
        if (ops.isEmpty()) {
            inv.err(USAGE);
            return 1;
        }
        String dir = ops.get(0);
        Path real;
        try {
            real = inv.fs().resolve(inv.abs(dir));
        } catch (SimPathException e) {
            throw new SimUnsupportedException("chroot to " + dir + " (it leaves the simulated root)");
        }
        if (!Files.exists(real)) {
            inv.err("chroot: " + dir + ": " + Errno.ENOENT);
            return 1;
        }
        if (!Files.isDirectory(real)) {
            inv.err("chroot: " + dir + ": " + Errno.ENOTDIR);
            return 1;
        }
        if (ops.size() < 2) {
            throw new SimUnsupportedException("chroot without a command (an interactive $SHELL -i)");
        }
        List<String> argv = ops.subList(1, ops.size());
        SimContext root = new SimContext(inv.machine(), inv.fs().chroot(inv.abs(dir)), inv.ctx().jail());
        if (LinuxUserland.isLinuxRoot(root.fs())) {
            try {
                return LinuxUserland.exec(root, argv, inv.out(), inv.stdin(), "/", SimMachine.PATH);
            } catch (LinuxUserland.ExecError e) {
                inv.err("chroot: " + argv.get(0) + ": " + e.getMessage());
                return 1;
            }
        }
        Optional<SimTool> tool = freebsdProgram(root, argv.get(0));
        if (tool.isEmpty()) {
            inv.err("chroot: " + argv.get(0) + ": " + Errno.ENOENT);
            return 1;
        }
        return tool.get().run(new Invocation(argv.get(0), argv.subList(1, argv.size()), root, inv.out(), inv.stdin(), "/"));
    }

    /** execvp() in a FreeBSD tree: the file must be there; the simulated program at its path runs. */
    private static Optional<SimTool> freebsdProgram(SimContext root, String program) throws IOException {
        String found = ExecPath.find(program, "/", SimMachine.PATH, abs -> root.fs().isRegularFile(abs)).orElse(null);
        if (found == null) {
            return Optional.empty();
        }
        String canonical = root.fs().simPath(root.fs().resolve(found));
        Optional<SimTool> tool = root.machine().tools().byPath(canonical).filter(SimTool::runsInJail);
        if (tool.isEmpty()) {
            throw new SimUnsupportedException("running " + canonical + " in a chroot");
        }
        return tool;
    }
}
