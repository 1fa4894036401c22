package dev.jailspec.provision;

import dev.jailspec.event.DatasetChanged;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.LinuxTemplateUsed;
import dev.jailspec.host.Host;
import java.util.Optional;

/** How a scenario's jail gets its Linux userland, for {@link Provisioner}: a clone of the Linux template, or extracted. */
final class LinuxUserlandProvision {
    private final JailspecRun run;
    private final Host host;
    private final StepRunner steps;
    private final UndoExecutor undos;
    private final EventBus bus;

    LinuxUserlandProvision(JailspecRun run, Host host, StepRunner steps, UndoExecutor undos) {
        this.run = run;
        this.host = host;
        this.steps = steps;
        this.undos = undos;
        this.bus = run.bus();
    }

    /**
     * The jail's Linux userland as {@link Provisioner#ensureLinuxJailRunning()} gets it: with jailspec.linux.template=true
     * a clone of the kept Linux template, built first when it is missing or was built from another image or
     * recipe (issue 15: the image is extracted once per host, not once per jail); otherwise, or when the
     * userland is already in the jail's clone, extracted into the jail's clone ({@link InstallLinuxUserland}).
     * Returns the dataset the userland is on when it is the jail's clone of the template; empty when it
     * went into the jail's own clone.
     */
    Optional<String> provide() {
        LinuxTemplate names = run.linuxTemplate();
        if (!run.settings().linuxTemplate()) {
            steps.ensure(run.linuxUserlandInstaller(host));
            return Optional.empty();
        }
        boolean cloned = run.hostState().datasets().exists(names.cloneDataset());
        if (!cloned && run.linuxUserlandInstaller(host).isDone()) {
            // Extracted into the jail's clone already (feature 04's way): a clone mounted over it would hide it.
            steps.ensure(run.linuxUserlandInstaller(host));
            return Optional.empty();
        }
        LinuxImageExtraction extraction = run.linuxImageExtraction(host);
        BuildLinuxTemplate build = new BuildLinuxTemplate(host, run.hostState(), names, run.marks(), extraction, undos, bus);
        StepRunner.Outcome built = cloned ? StepRunner.Outcome.ALREADY_DONE : steps.ensure(build);
        if (!cloned) {
            built.publish(bus, names.dataset(), DatasetChanged.Change.CREATED, "Linux template, snapshotted as "
                    + names.snapshot());
        }
        StepRunner.Outcome clone = steps.ensure(new CloneLinuxTemplate(host, run.hostState(), names, run.marks(),
                extraction.distribution().requiredFiles().get(0)));
        if (clone == StepRunner.Outcome.APPLIED) {
            clone.publish(bus, names.cloneDataset(), DatasetChanged.Change.CLONED, "from " + names.snapshot());
            LinuxTemplateUsed.Change change = built == StepRunner.Outcome.ALREADY_DONE ? LinuxTemplateUsed.Change.REUSED
                    : build.rebuildReason().isPresent() ? LinuxTemplateUsed.Change.REBUILT : LinuxTemplateUsed.Change.BUILT;
            bus.publish(new LinuxTemplateUsed(bus.now(), names.dataset(), extraction.resolve().dated().file(), change,
                    names.cloneDataset(), build.rebuildReason().orElse("")));
        }
        return Optional.of(names.cloneDataset());
    }
}
