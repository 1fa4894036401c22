package dev.jailspec.provision;

import dev.jailspec.freebsd.Sysrc;
import dev.jailspec.freebsd.SysrcChange;
import dev.jailspec.host.Host;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** How-to step 1: {@code sysrc jail_enable=YES jail_parallel_start=YES}, one command as in the how-to. */
final class EnableJailsAtBoot implements ProvisionStep {
    static final List<String> VARIABLES = List.of("jail_enable", "jail_parallel_start");

    private final Sysrc sysrc;
    private final HostState state;
    private final RcConfFile rcConf;
    private Optional<List<SysrcChange>> applied = Optional.empty();

    EnableJailsAtBoot(Host host, HostState state) {
        this.sysrc = new Sysrc(host);
        this.state = state;
        this.rcConf = new RcConfFile(host);
    }

    @Override
    public String description() {
        return "enable jails at boot, started in parallel (" + String.join(", ", VARIABLES) + " = YES in rc.conf)";
    }

    @Override
    public boolean isDone() {
        return state.rcConf(VARIABLES).values().stream().allMatch(v -> v.filter("YES"::equalsIgnoreCase).isPresent());
    }

    /** rc.conf's values of the variables as they were. */
    @Override
    public List<Undo> undo() {
        return rcConf.restoresOfNotYes(VARIABLES);
    }

    @Override
    public void apply() {
        var assignments = new LinkedHashMap<String, String>();
        VARIABLES.forEach(v -> assignments.put(v, "YES"));
        applied = Optional.of(sysrc.set(assignments));
    }

    /** After apply, sysrc's own report: it reads each value back after setting it (Sysrc#set); else what isDone read. */
    @Override
    public void verify() {
        var values = new LinkedHashMap<String, String>();
        applied.ifPresentOrElse(changes -> changes.forEach(c -> values.put(c.name(), c.after())),
                () -> state.rcConf(VARIABLES).forEach((v, value) -> values.put(v, value.orElse("(unset)"))));
        values.forEach((v, value) -> {
            if (!value.equalsIgnoreCase("YES")) {
                throw new ProvisionException("rc.conf has " + v + "=" + value + " after sysrc " + v + "=YES");
            }
        });
    }
}
