package dev.jailspec.sim;

import java.util.List;

/**
 * The simulated kernel's message buffer, which dmesg(8) prints: empty at boot (the sim has no
 * boot messages), then what the Linux ABI logs. linux_msg() (sys/compat/linux/linux_util.c
 * [UNVERIFIED: read in an unpinned copy, not at releng/14.x]) prints
 * {@code linux: jid %d pid %d (%s): } with the prison's id, the pid and p_comm, then the message,
 * when compat.linux.debug is on. The sim logs only what a {@code linux-msg:} fault rule asks for;
 * its pids count up from {@value #FIRST_PID} [UNVERIFIED: not the kernel's], its p_comm is the
 * program's base name as called, cut to MAXCOMLEN (19).
 */
final class KernelMessages {
    static final int FIRST_PID = 1000;
    private static final int MAXCOMLEN = 19;

    private KernelMessages() {
    }

    /** Logs each of {@code texts} for a Linux program {@code argv} run in {@code ctx}. */
    static void linuxMessages(SimContext ctx, List<String> argv, List<String> texts) {
        if (texts.isEmpty()) {
            return;
        }
        SimState st = ctx.machine().state();
        int pid = st.lastPid == 0 ? FIRST_PID : st.lastPid + 1;
        st.lastPid = pid;
        String program = argv.get(0);
        String comm = program.substring(program.lastIndexOf('/') + 1);
        if (comm.length() > MAXCOMLEN) {
            comm = comm.substring(0, MAXCOMLEN);
        }
        int jid = ctx.inJail() ? ctx.jail().jid : 0;
        for (String text : texts) {
            st.kernelMessages.add("linux: jid " + jid + " pid " + pid + " (" + comm + "): " + text);
        }
    }
}
