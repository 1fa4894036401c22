package dev.jailspec.sim;

import java.util.List;

/**
 * GNU uname (coreutils) of a Rocky userland, over the Linux ABI's uname(2): FreeBSD's
 * linux_newuname() (sys/compat/linux/linux_misc.c) fills {@code sysname} with the prison's
 * {@code linux.osname} ("Linux") and {@code release} with its {@code linux.osrelease}
 * ({@link LinuxAbi}). {@code -r} and {@code -s} (the default) are modelled; other options are not.
 */
final class RockyUname implements SimTool {
    @Override
    public String name() {
        return "uname";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/uname");
    }

    @Override
    public int run(Invocation inv) {
        List<String> a = inv.args();
        if (a.isEmpty() || a.equals(List.of("-s"))) {
            inv.out(LinuxAbi.OSNAME);
            return 0;
        }
        if (a.equals(List.of("-r"))) {
            inv.out(LinuxAbi.osrelease(inv.state(), inv.ctx().jail()));
            return 0;
        }
        throw new SimUnsupportedException("GNU uname " + String.join(" ", a));
    }
}
