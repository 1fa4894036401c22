package dev.jailspec.provision;

import dev.jailspec.freebsd.JailService;
import dev.jailspec.freebsd.JailStartFailure;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.ServiceJailOutcome;

/**
 * How-to step 19: {@code service jail start NAME}. rc.d/jail exits 0 even when the jail failed
 * (freebsd-facts 2.3), so success is read from its output, and the caller confirms with jls.
 */
final class StartJail implements ProvisionStep {
    private final JailService service;
    private final Jls jls;
    private final Layout layout;

    StartJail(JailService service, Jls jls, Layout layout) {
        this.service = service;
        this.jls = jls;
        this.layout = layout;
    }

    @Override
    public String description() {
        return "start the jail " + layout.jailName() + " with service jail start";
    }

    @Override
    public boolean isDone() {
        return jls.find(layout.jailName()).isPresent();
    }

    @Override
    public void apply() {
        ServiceJailOutcome outcome = service.start(layout.jailName());
        if (outcome.refusedBecauseDisabled()) {
            throw new ProvisionException("service jail start " + layout.jailName()
                    + " refused: jail_enable is not YES in /etc/rc.conf (run: sysrc jail_enable=YES)");
        }
        if (!outcome.failed().isEmpty()) {
            JailStartFailure failure = outcome.failed().get(0);
            throw new ProvisionException("service jail start " + failure.name() + " exited 0 but the jail did not start;"
                    + " jail(8) said:\n" + failure.jailOutput().indent(2).stripTrailing());
        }
        if (!outcome.warnings().isEmpty()) {
            throw new ProvisionException("service jail start " + layout.jailName() + " ignored the jail: "
                    + String.join("; ", outcome.warnings()));
        }
    }

    @Override
    public void verify() {
        // Confirmed by the caller with a wait on jls: the jail may take a moment to appear.
    }
}
