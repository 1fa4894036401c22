package dev.jailspec.sim;

import java.util.List;

/**
 * dmesg(8) on the host, without options: the kernel message buffer ({@link KernelMessages}), one
 * message a line (sbin/dmesg/dmesg.c [UNVERIFIED: read in an unpinned copy, not at releng/14.x;
 * its filtering of syslog priorities and of the timestamps is not modelled]). Options (-a, -c, -M,
 * -N) and dmesg in a jail (security.bsd.unprivileged_read_msgbuf) are not modelled.
 */
final class DmesgTool implements SimTool {
    @Override
    public String name() {
        return "dmesg";
    }

    @Override
    public List<String> paths() {
        return List.of("/sbin/dmesg");
    }

    @Override
    public int run(Invocation inv) {
        if (!inv.args().isEmpty()) {
            throw new SimUnsupportedException("dmesg " + String.join(" ", inv.args()));
        }
        inv.state().kernelMessages.forEach(inv::out);
        return 0;
    }
}
