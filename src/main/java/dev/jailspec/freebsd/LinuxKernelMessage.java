package dev.jailspec.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message of the Linux ABI in the kernel's message buffer, as linux_msg()
 * (sys/compat/linux/linux_util.c) prints it: {@code linux: jid %d pid %d (%s): MESSAGE}, the
 * prison's id, the process id and its command name, e.g. {@code linux: jid 3 pid 4242 (dnf):
 * syscall io_uring_setup not implemented}.
 */
public record LinuxKernelMessage(int jid, int pid, String command, String text) {
    private static final Pattern LINE = Pattern.compile("^linux: jid (\\d+) pid (\\d+) \\((.*?)\\): (.*)$");

    public LinuxKernelMessage {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(text, "text");
    }

    /** The Linux ABI's messages in dmesg's output, in order; other kernel messages are left out. */
    public static List<LinuxKernelMessage> parseAll(String dmesg) {
        List<LinuxKernelMessage> out = new ArrayList<>();
        for (String line : dmesg.split("\n")) {
            Matcher m = LINE.matcher(line.stripTrailing());
            if (m.matches()) {
                out.add(new LinuxKernelMessage(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3),
                        m.group(4)));
            }
        }
        return out;
    }

    /** The line as dmesg shows it. */
    public String line() {
        return "linux: jid " + jid + " pid " + pid + " (" + command + "): " + text;
    }
}
