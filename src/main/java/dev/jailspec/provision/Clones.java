package dev.jailspec.provision;

import java.util.Optional;

/** What {@link CloneJail} and {@link CloneLinuxTemplate} both ask of the clone they make, from what {@link HostState} read. */
final class Clones {
    private Clones() {
    }

    /**
     * Whether {@code dataset} is this run's clone already (done); absent, it is not. Anything else at its
     * name is refused: the clone would be made over someone else's dataset, or an earlier run's.
     */
    static boolean isThisRuns(HostState state, String dataset, Marks marks) {
        Optional<DatasetMarks.Mark> mark = state.datasets().mark(dataset);
        if (mark.isEmpty()) {
            return false;
        }
        if (!mark.get().isFromRun(marks.runId())) {
            String run = mark.get().isJailspecs() ? mark.get().run().orElse("") : "";
            throw new ProvisionException(dataset + " already exists and was not created by this run"
                    + (run.isEmpty() ? "" : " (it carries jailspec:run=" + run + ", an earlier run)")
                    + "; destroy it (zfs destroy -r " + dataset + ") or choose another jailspec.jail.name");
        }
        return true;
    }

    /** After {@code zfs clone}: {@code dataset} exists, is a clone of {@code snapshot} (the {@code what}) and is mounted at {@code mountpoint}. */
    static void requireCloneOf(HostState state, String dataset, String snapshot, String what, String mountpoint) {
        HostState.Dataset ds = state.datasets().find(dataset).orElseThrow(() -> new ProvisionException(
                dataset + " does not exist after zfs clone"));
        if (!ds.origin().orElse("").equals(snapshot)) {
            throw new ProvisionException(dataset + " has origin " + ds.origin().orElse("(none)") + ", expected " + what
                    + " " + snapshot);
        }
        if (!ds.mountpoint().orElse("").equals(mountpoint)) {
            throw new ProvisionException(dataset + " is mounted at " + ds.mountpoint().orElse("(nowhere)")
                    + ", expected " + mountpoint);
        }
    }
}
