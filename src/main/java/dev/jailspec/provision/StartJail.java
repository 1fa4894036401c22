package dev.jailspec.provision;

import dev.jailspec.freebsd.Ifconfig;
import dev.jailspec.freebsd.JailInfo;
import dev.jailspec.freebsd.JailService;
import dev.jailspec.freebsd.JailStartFailure;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.ServiceJailOutcome;
import java.util.List;
import java.util.Optional;

/**
 * How-to step 19: {@code service jail start NAME}. rc.d/jail exits 0 even when the jail failed
 * (freebsd-facts 2.3), so success is read from its output, and the caller confirms with jls.
 *
 * <p>A jail of that name running elsewhere, or an epair of that number that is not this jail's,
 * belongs to someone else: the step stops with what to do rather than start over it. An epair
 * described as this jail's, left by a start that failed half-way, is undone first (by the same
 * {@link UndoExecutor} as teardown's), since exec.prestart's {@code ifconfig epairN create} fails on it.
 */
final class StartJail implements ProvisionStep {
    private final JailService service;
    private final Jls jls;
    private final Ifconfig ifconfig;
    private final Layout layout;
    private final UndoExecutor undos;

    StartJail(JailService service, Jls jls, Ifconfig ifconfig, Layout layout, UndoExecutor undos) {
        this.service = service;
        this.jls = jls;
        this.ifconfig = ifconfig;
        this.layout = layout;
        this.undos = undos;
    }

    @Override
    public String description() {
        return "start the jail " + layout.jailName() + " with service jail start";
    }

    @Override
    public boolean isDone() {
        Optional<JailInfo> running = jls.find(layout.jailName());
        if (running.isPresent() && !running.get().path().equals(layout.jailPath())) {
            throw new ProvisionException("a jail named " + layout.jailName() + " is already running at "
                    + running.get().path() + " (jid " + running.get().jid() + "), not at jailspec's clone "
                    + layout.jailPath() + "; choose another jailspec.jail.name, or stop it if it is yours"
                    + " (service jail stop " + layout.jailName() + ")");
        }
        return running.isPresent();
    }

    /** A start that fails or hangs half-way may leave the jail or its epair behind: the epair goes after the jail. */
    @Override
    public List<Undo> undo() {
        return List.of(new Undo.DestroyEpair(layout.hostInterface(), layout.jailName()),
                new Undo.StopJail(layout.jailName(), layout.jailPath()));
    }

    @Override
    public void apply() {
        String epair = layout.hostInterface();
        if (ifconfig.exists(epair)) {
            String ours = Marks.epairDescription(layout.jailName());
            Optional<String> descr = ifconfig.describe(epair).description();
            if (!descr.filter(ours::equals).isPresent()) {
                throw new ProvisionException(epair + " already exists and is not this jail's (its description is '"
                        + descr.orElse("") + "', jailspec's is '" + ours + "'); choose another jailspec.jail.id, or"
                        + " destroy it if it is stale (ifconfig " + epair + " destroy)");
            }
            undos.undo(new Undo.DestroyEpair(epair, layout.jailName()));
        }
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
