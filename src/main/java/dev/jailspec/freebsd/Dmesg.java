package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import java.util.List;
import java.util.Objects;

/** dmesg(8) on the host: the kernel's message buffer. */
public final class Dmesg {
    private final Host host;

    public Dmesg(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /** The Linux ABI's messages about processes of the jail {@code jid}, oldest first. */
    public List<LinuxKernelMessage> linuxMessages(int jid) {
        return LinuxKernelMessage.parseAll(host.run(Command.probe("dmesg")).orThrow().stdout()).stream()
                .filter(m -> m.jid() == jid).toList();
    }
}
