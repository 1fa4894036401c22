package dev.jailspec.provision;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a scenario's steps declared they change ({@link ProvisionStep#undo()}), recorded by
 * {@link StepRunner} before each step applies, and undone in reverse order by the
 * {@link UndoExecutor}. Every undo is tried even when an earlier one failed, and the failures are
 * reported together, so one stuck jail does not leave datasets behind.
 *
 * <p>What a scenario planted to stage a situation ({@link Undo#atScenarioEnd()}) is undone only
 * when the scenario ends, after its changes.
 *
 * <p>Thread-safe: the JVM's shutdown hook and the scenario's own teardown may race; each undo runs once.
 */
final class Teardown {
    private final Deque<Undo> changes = new ArrayDeque<>();
    private final Deque<Undo> planted = new ArrayDeque<>();
    private final UndoExecutor executor;
    private final EventBus bus;

    Teardown(UndoExecutor executor, EventBus bus) {
        this.executor = executor;
        this.bus = bus;
    }

    /** Called by {@link StepRunner} only, before the step that declared {@code undo} applies. */
    synchronized void record(Undo undo) {
        Deque<Undo> stack = undo.atScenarioEnd() ? planted : changes;
        if (!stack.contains(undo)) {
            stack.push(undo);
        }
    }

    /**
     * Takes over what an earlier scenario recorded (it left its jail to this one): undone after this
     * scenario's own changes, in the earlier order; the earlier teardown is left with nothing to do.
     */
    void adopt(Teardown earlier) {
        synchronized (this) {
            synchronized (earlier) {
                earlier.changes.forEach(undo -> { if (!changes.contains(undo)) changes.addLast(undo); });
                earlier.planted.forEach(undo -> { if (!planted.contains(undo)) planted.addLast(undo); });
                earlier.changes.clear();
                earlier.planted.clear();
            }
        }
    }

    /** The recorded changes in the order they will be undone. */
    synchronized List<Undo> recorded() {
        return List.copyOf(changes);
    }

    synchronized List<String> pending() {
        return changes.stream().map(Undo::description).toList();
    }

    /** Undoes the scenario's changes; throws at the end if any undo failed, listing each failure. */
    synchronized void run() {
        undoAll(changes);
    }

    /** At the scenario's end: its changes, then what it planted. */
    synchronized void runWithPlanted() {
        try {
            undoAll(changes);
        } finally {
            undoAll(planted);
        }
    }

    private void undoAll(Deque<Undo> stack) {
        var failures = new ArrayList<String>();
        while (!stack.isEmpty()) {
            Undo undo = stack.pop();
            if (undo instanceof Undo.RestoreRcConf first) {
                restoreRcConfTogether(first, stack, failures);
                continue;
            }
            var coveredBy = undo instanceof Undo.DestroyDataset child ? destroyedWithParent(child, stack) : null;
            if (coveredBy != null) {
                report(undo.description() + ": taken with " + coveredBy.dataset() + " by its zfs destroy -r, which"
                        + " checks every dataset below it for jailspec's mark first");
                continue;
            }
            try {
                executor.undo(undo).text().ifPresent(this::report);
            } catch (RuntimeException e) {
                failures.add(undo.description() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new ProvisionException("teardown left things behind:\n- " + String.join("\n- ", failures));
        }
    }

    /**
     * A later undo of the same run destroying an ancestor of {@code child} recursively (the jail's clone
     * holding the clone of the Linux template): that one's {@code zfs destroy -r} takes the child, so
     * the child is not checked and destroyed on its own first (issue 15: two host commands fewer).
     */
    private static Undo.DestroyDataset destroyedWithParent(Undo.DestroyDataset child, Deque<Undo> later) {
        return later.stream().filter(Undo.DestroyDataset.class::isInstance).map(Undo.DestroyDataset.class::cast)
                .filter(parent -> parent.run().equals(child.run()) && child.dataset().startsWith(parent.dataset() + "/"))
                .findFirst().orElse(null);
    }

    /** rc.conf values next to each other on the stack (a step's variables) are put back with one sysrc each way. */
    private void restoreRcConfTogether(Undo.RestoreRcConf first, Deque<Undo> stack, List<String> failures) {
        List<Undo.RestoreRcConf> together = new ArrayList<>(List.of(first));
        while (stack.peek() instanceof Undo.RestoreRcConf next) {
            together.add(next);
            stack.pop();
        }
        try {
            executor.restoreRcConf(together).forEach(outcome -> outcome.text().ifPresent(this::report));
        } catch (RuntimeException e) {
            together.forEach(r -> failures.add(r.description() + ": " + e.getMessage()));
        }
    }

    private void report(String done) {
        bus.publish(new Note(bus.now(), "teardown: " + done));
    }
}
