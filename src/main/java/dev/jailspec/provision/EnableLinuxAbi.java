package dev.jailspec.provision;

import dev.jailspec.freebsd.Kldstat;
import dev.jailspec.freebsd.Sysrc;
import dev.jailspec.host.Command;
import dev.jailspec.host.Host;

/**
 * The Linux ABI (Handbook: {@code sysrc linux_enable=YES}, {@code service linux start}); the
 * how-to leaves this out, and without it no Linux binary runs in the jail.
 */
final class EnableLinuxAbi implements ProvisionStep {
    static final String MODULE = "linux64";

    private final Host host;
    private final Sysrc sysrc;
    private final Kldstat kldstat;

    EnableLinuxAbi(Host host) {
        this.host = host;
        this.sysrc = new Sysrc(host);
        this.kldstat = new Kldstat(host);
    }

    @Override
    public String description() {
        return "enable the Linux ABI (linux_enable=YES, service linux start, module " + MODULE + ")";
    }

    @Override
    public boolean isDone() {
        return sysrc.get("linux_enable").filter("YES"::equalsIgnoreCase).isPresent() && kldstat.isModuleLoaded(MODULE);
    }

    @Override
    public void apply() {
        sysrc.set("linux_enable", "YES");
        // rc.d/linux prints nothing and exits 0 (freebsd-facts 3.1); kldstat confirms below.
        host.run(Command.of("service", "linux", "start")).orThrow();
    }

    @Override
    public void verify() {
        if (!kldstat.isModuleLoaded(MODULE)) {
            throw new ProvisionException("service linux start ran but kldstat does not show the " + MODULE
                    + " module; load it by hand (kldload " + MODULE + ") and check dmesg");
        }
    }
}
