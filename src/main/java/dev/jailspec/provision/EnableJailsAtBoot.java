package dev.jailspec.provision;

import dev.jailspec.freebsd.Sysrc;
import dev.jailspec.host.Host;
import java.util.List;

/** How-to step 1: {@code sysrc jail_enable=YES jail_parallel_start=YES}. */
final class EnableJailsAtBoot implements ProvisionStep {
    static final List<String> VARIABLES = List.of("jail_enable", "jail_parallel_start");

    private final Sysrc sysrc;
    private final RcConfFile rcConf;

    EnableJailsAtBoot(Host host) {
        this.sysrc = new Sysrc(host);
        this.rcConf = new RcConfFile(host);
    }

    @Override
    public String description() {
        return "enable jails at boot, started in parallel (" + String.join(", ", VARIABLES) + " = YES in rc.conf)";
    }

    @Override
    public boolean isDone() {
        return VARIABLES.stream().allMatch(v -> sysrc.get(v).filter("YES"::equalsIgnoreCase).isPresent());
    }

    /** rc.conf's values of the variables as they were. */
    @Override
    public List<Undo> undo() {
        return rcConf.restoresOfNotYes(VARIABLES);
    }

    @Override
    public void apply() {
        VARIABLES.forEach(v -> sysrc.set(v, "YES"));
    }

    @Override
    public void verify() {
        for (String v : VARIABLES) {
            String value = sysrc.get(v).orElse("(unset)");
            if (!value.equalsIgnoreCase("YES")) {
                throw new ProvisionException("rc.conf has " + v + "=" + value + " after sysrc " + v + "=YES");
            }
        }
    }
}
