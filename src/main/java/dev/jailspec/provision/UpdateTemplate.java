package dev.jailspec.provision;

import dev.jailspec.event.CommandKind;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;

/**
 * How-to step 9: {@code freebsd-update -b <template> fetch install}, made non-interactive.
 * Without a terminal fetch refuses unless {@code --not-running-from-cron} is given, and with
 * {@code -b} the template's release must be named with {@code --currently-running}, else the
 * host's is used (freebsd-facts 5.3). Skipped when the template is already snapshotted.
 */
final class UpdateTemplate implements ProvisionStep {
    private final Host host;
    private final HostState state;
    private final Layout layout;
    private boolean applied;

    UpdateTemplate(Host host, HostState state, Layout layout) {
        this.host = host;
        this.state = state;
        this.layout = layout;
    }

    @Override
    public String description() {
        return "apply the security patches of " + layout.release() + " to the template with freebsd-update";
    }

    @Override
    public boolean isDone() {
        return state.datasets().exists(layout.templateSnapshot());
    }

    @Override
    public void apply() {
        CommandResult r = host.run(Command.of("freebsd-update", "--not-running-from-cron",
                        "--currently-running", layout.release(), "-b", layout.templatePath(), "fetch", "install")
                .withEnv("PAGER", "cat").withKind(CommandKind.UPDATE));
        if (r.exitCode() != 0) {
            throw new ProvisionException("freebsd-update could not patch the template " + layout.templatePath()
                    + " (exit " + r.exitCode() + "):\n" + r.tail(8).indent(2).stripTrailing()
                    + "\nAn end-of-life release or an unreachable update server makes fetch fail; check the release"
                    + " (jailspec.freebsd.release) and the host's network");
        }
        applied = true;
    }

    @Override
    public void verify() {
        if (applied && host.stat(layout.templatePath() + "/bin/freebsd-version").isEmpty()) {
            throw new ProvisionException("the template lost /bin/freebsd-version during freebsd-update");
        }
    }
}
