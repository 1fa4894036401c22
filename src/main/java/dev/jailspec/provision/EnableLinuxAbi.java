package dev.jailspec.provision;

import dev.jailspec.freebsd.Kldstat;
import dev.jailspec.freebsd.Sysctl;
import dev.jailspec.freebsd.Sysrc;
import java.util.Optional;
import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import java.util.List;

/**
 * The Linux ABI (Handbook: {@code sysrc linux_enable=YES}, {@code service linux start}); the
 * how-to leaves this out, and without it no Linux binary runs in the jail.
 */
final class EnableLinuxAbi implements ProvisionStep {
    /**
     * The file, not a module name: linux64.ko registers the module {@code linux64elf}
     * (sys/amd64/linux/linux_sysvec.c@releng/14.3, {@code moduledata_t linux64_elf_mod});
     * {@code MODULE_VERSION(linux64, 1)} is only a dependency tag, so {@code kldstat -q -m linux64}
     * is false even while the file is loaded (freebsd-facts 3.2, corrected).
     */
    static final String KLD_FILE = "linux64.ko";

    /** The sysctl with the Linux version the ABI claims (sys/compat/linux/linux_mib.c, freebsd-facts 3.3). */
    static final String OSRELEASE = "compat.linux.osrelease";

    private final Host host;
    private final Sysrc sysrc;
    private final Kldstat kldstat;
    private final HostState state;
    private final Optional<LinuxUserland> userland;

    EnableLinuxAbi(Host host, HostState state) {
        this(host, state, Optional.empty());
    }

    /** With the userland to run: the version the ABI claims must be one its glibc accepts. */
    EnableLinuxAbi(Host host, HostState state, Optional<LinuxUserland> userland) {
        this.host = host;
        this.state = state;
        this.sysrc = new Sysrc(host);
        this.kldstat = new Kldstat(host);
        this.userland = userland;
    }

    @Override
    public String description() {
        return "enable the Linux ABI (linux_enable=YES, service linux start, " + KLD_FILE + " loaded)";
    }

    @Override
    public boolean isDone() {
        return state.rcConf(List.of("linux_enable")).get("linux_enable").filter("YES"::equalsIgnoreCase).isPresent()
                && kldstat.isFileLoaded(KLD_FILE);
    }

    /** rc.conf's linux_enable as it was; the loaded module stays (unloading it could break other Linux jails). */
    @Override
    public List<Undo> undo() {
        return new RcConfFile(host).restoresOfNotYes(List.of("linux_enable"));
    }

    @Override
    public void apply() {
        sysrc.set("linux_enable", "YES");
        // rc.d/linux prints nothing and exits 0 (freebsd-facts 3.1); kldstat confirms below.
        host.run(Command.of("service", "linux", "start")).orThrow();
    }

    @Override
    public void verify() {
        requireLoaded();
        requireKernelForUserland();
    }

    /** isDone just found {@value #KLD_FILE} loaded: only the Linux ABI's version is left to check. */
    @Override
    public void verifyAlreadyDone() {
        requireKernelForUserland();
    }

    private void requireLoaded() {
        if (!kldstat.isFileLoaded(KLD_FILE)) {
            throw new ProvisionException("service linux start ran but kldstat -q -n " + KLD_FILE
                    + " says it is not loaded; load it by hand (kldload linux64), check dmesg, and check that the"
                    + " kernel has the Linux ABI (an amd64 host; /boot/kernel/" + KLD_FILE + " present)");
        }
    }

    private void requireKernelForUserland() {
        if (userland.isPresent()) {
            String claimed = new Sysctl(host).value(OSRELEASE).orElseThrow(() -> new ProvisionException(
                    "sysctl " + OSRELEASE + " is unknown although " + KLD_FILE + " is loaded; check dmesg"));
            LinuxUserlandChecks.requireKernel(claimed, OSRELEASE, userland.get());
        }
    }
}
