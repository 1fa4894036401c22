package dev.jailspec.provision;

import dev.jailspec.event.DatasetChanged;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.JailStateChanged;
import dev.jailspec.freebsd.DestroyMode;
import dev.jailspec.freebsd.FileCopy;
import dev.jailspec.freebsd.Ifconfig;
import dev.jailspec.freebsd.InterfaceInfo;
import dev.jailspec.freebsd.JailInfo;
import dev.jailspec.freebsd.JailPresence;
import dev.jailspec.freebsd.JailService;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.Sysrc;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Host;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Carries out one {@link Undo}, for the scenario's {@link Teardown} and for the {@link Reaper}
 * alike: the one place that stops a marked jail, destroys a marked epair or dataset, removes a
 * marked file, and puts rc.conf and /etc/devfs.rules back.
 *
 * <p>Nothing is removed without jailspec's mark: a dataset must carry the undo's run's
 * {@code jailspec:run} (locally, on it and on everything below it), a file must start with that
 * run's {@link JailConfTemplate#markLine}, an epair must be described {@code jail:<name>}, a jail
 * must run at the undo's path. Anything else is left alone and said so, with what to do. Marked
 * objects meant to stay ({@code jailspec:keep}) are kept.
 *
 * <p>Jails it stopped may stay dying: the datasets it destroys afterwards wait for them
 * ({@link FreedJailDestroy}). {@link Teardown} serialises its own undos; the list of stopped jails
 * is safe to share with a step that undoes on the scenario's thread meanwhile ({@link StartJail}).
 */
final class UndoExecutor {
    /** What one undo came to; the text is in teardown's words ("destroy the dataset ..."). */
    sealed interface Outcome {
        /** It was done. */
        record Done(String what) implements Outcome {
        }

        /** It was not done on purpose: not jailspec's, meant to be kept, or still in use. */
        record LeftAlone(String why) implements Outcome {
        }

        /** There was nothing left to undo. */
        record NothingToDo() implements Outcome {
        }

        default Optional<String> text() {
            if (this instanceof Done d) {
                return Optional.of(d.what());
            }
            return this instanceof LeftAlone l ? Optional.of(l.why()) : Optional.empty();
        }
    }

    private final Host host;
    private final Marks marks;
    private final Sandbox sandbox;
    private final boolean keepHostConfig;
    private final EventBus bus;
    private final String by;
    private final Jls jls;
    private final Ifconfig ifconfig;
    private final FreedJailDestroy destroyer;
    /** Jails this executor stopped that were still dying then: the datasets it destroys wait until they are freed. */
    private final List<String> stoppedJails = new CopyOnWriteArrayList<>();
    /** Jails this executor failed to stop: their files stay, rc.d/jail needs them to stop them later. */
    private final Set<String> leftRunning = ConcurrentHashMap.newKeySet();

    /**
     * @param marks the mark of the run doing the undoing (for the words "this run")
     * @param by who undoes, for the events: "teardown" or "reaper"
     */
    UndoExecutor(Host host, Layout layout, Marks marks, boolean keepHostConfig, Duration dyingWait, EventBus bus,
                 String by) {
        this.host = host;
        this.marks = marks;
        this.sandbox = new Sandbox(layout);
        this.keepHostConfig = keepHostConfig;
        this.bus = bus;
        this.by = Objects.requireNonNull(by, "by");
        this.jls = new Jls(host);
        this.ifconfig = new Ifconfig(host);
        this.destroyer = new FreedJailDestroy(host, bus, dyingWait);
    }

    /** Undoes one change; a failure is an exception saying what is left and how to remove it by hand. */
    Outcome undo(Undo undo) {
        if (undo instanceof Undo.StopJail s) {
            return stopJail(s);
        } else if (undo instanceof Undo.DestroyEpair e) {
            return destroyEpair(e);
        } else if (undo instanceof Undo.DestroyDataset d) {
            return destroyDataset(d);
        } else if (undo instanceof Undo.RemoveJailConf f) {
            return removeJailConf(f);
        } else if (undo instanceof Undo.RestoreRcConf r) {
            return restoreRcConf(List.of(r)).get(0);
        } else if (undo instanceof Undo.RestoreDevfsRules d) {
            return DevfsRulesUndo.restore(host, d, keepHostConfig);
        } else if (undo instanceof Undo.DestroyPlanted p) {
            return destroyPlanted(p.dataset());
        }
        throw new IllegalStateException("unknown undo " + undo);
    }

    private String whose(String run) {
        return run.equals(marks.runId()) ? "this run" : "the run " + run;
    }

    private Outcome stopJail(Undo.StopJail s) {
        Optional<JailInfo> running = jls.find(s.jail());
        if (running.isEmpty()) {
            return new Outcome.NothingToDo();
        }
        if (!running.get().path().equals(s.path())) {
            return new Outcome.LeftAlone("leave the jail " + s.jail() + " running: it runs at " + running.get().path()
                    + ", not at jailspec's clone " + s.path());
        }
        String byHand = "; stop it by hand: jail -r " + s.jail();
        String conf = Sandbox.JAIL_CONF_DIR + "/" + s.jail() + ".conf";
        try {
            if (host.stat(conf).isEmpty()) {
                throw new ProvisionException("it has no " + conf + " to stop it with" + byHand);
            }
            new JailService(host).onestop(s.jail());
            // One jls -d answers both questions: is it still running, and does the kernel still hold it
            // dying. Only a dying one is waited for before its dataset is destroyed: an absent jail is
            // freed, and nothing in a teardown starts one again.
            JailPresence after = jls.presence(s.jail());
            if (after instanceof JailPresence.Running) {
                throw new ProvisionException("service jail onestop " + s.jail() + " left the jail running" + byHand);
            }
            if (after instanceof JailPresence.Dying) {
                stoppedJails.add(s.jail());
            }
        } catch (RuntimeException e) {
            leftRunning.add(s.jail());
            throw e;
        }
        bus.publish(new JailStateChanged(bus.now(), s.jail(), JailStateChanged.State.STOPPED, s.path()));
        return new Outcome.Done(s.description());
    }

    /** Only an epair described {@code jail:<jail>}, and not while that jail runs: it is in use then. */
    private Outcome destroyEpair(Undo.DestroyEpair e) {
        if (!ifconfig.exists(e.iface())) {
            return new Outcome.NothingToDo();
        }
        InterfaceInfo info = ifconfig.describe(e.iface());
        String expected = Marks.epairDescription(e.jail());
        if (!info.description().filter(expected::equals).isPresent()) {
            return new Outcome.LeftAlone("leave the interface " + e.iface() + " alone: it is described as '"
                    + info.description().orElse("") + "', not '" + expected + "'");
        }
        if (jls.find(e.jail()).isPresent()) {
            return new Outcome.LeftAlone("leave the interface " + e.iface() + " alone: the jail " + e.jail()
                    + " still runs");
        }
        ifconfig.destroy(e.iface());
        return new Outcome.Done("destroy the interface " + e.iface() + " (" + expected + ")");
    }

    private Outcome destroyDataset(Undo.DestroyDataset d) {
        String dataset = sandbox.requireDataset(d.dataset());
        Map<String, DatasetMarks.Mark> found = new DatasetMarks(host).read(dataset, true);
        DatasetMarks.Mark top = found.get(dataset);
        if (top == null) {
            return new Outcome.NothingToDo();
        }
        if (top.isKept()) {
            return new Outcome.LeftAlone("keep " + dataset + " (" + top.describe() + ")");
        }
        if (!top.isFromRun(d.run())) {
            throw new ProvisionException(dataset + " was not created by " + whose(d.run()) + " (" + top.describe()
                    + "); left alone. If it is a leftover of jailspec, a new run's reaper removes it; else remove or"
                    + " rename it by hand, or choose another jailspec.jail.name");
        }
        requireAllMarked(dataset, found);
        destroyer.destroy(dataset, List.copyOf(stoppedJails));
        // zfs destroy -r took what was below it too (the jail's clone of the Linux template): each is said, deepest first.
        found.keySet().stream().filter(name -> !name.equals(dataset)).sorted(java.util.Comparator.reverseOrder())
                .forEach(name -> bus.publish(new DatasetChanged(bus.now(), name, DatasetChanged.Change.DESTROYED,
                        by + ", with " + dataset)));
        bus.publish(new DatasetChanged(bus.now(), dataset, DatasetChanged.Change.DESTROYED, by));
        return new Outcome.Done(d.description());
    }

    /** {@code zfs destroy -r} takes children and snapshots too: each must carry jailspec's own mark. */
    private static void requireAllMarked(String dataset, Map<String, DatasetMarks.Mark> found) {
        List<String> foreign = found.values().stream().filter(m -> !m.isJailspecs()).map(DatasetMarks.Mark::dataset)
                .toList();
        if (!foreign.isEmpty()) {
            throw new ProvisionException(dataset + " holds " + String.join(", ", foreign) + ", which jailspec did not"
                    + " create; nothing was destroyed. Move or destroy " + (foreign.size() == 1 ? "it" : "them")
                    + " by hand, then run: zfs destroy -r " + dataset);
        }
    }

    /**
     * For the step that rebuilds a kept template which no longer serves (a Linux template built from
     * another image, {@link BuildLinuxTemplate}): destroys it with its snapshot, only when it and
     * everything below it carry jailspec's own mark. {@code zfs destroy -r} refuses while a clone of it
     * exists (a jail kept with jailspec.teardown=never); that is a failure saying what to remove.
     */
    void destroyStaleTemplate(String dataset, String why) {
        sandbox.requireDataset(dataset);
        Map<String, DatasetMarks.Mark> found = new DatasetMarks(host).read(dataset, true);
        DatasetMarks.Mark top = found.get(dataset);
        if (top == null) {
            return;
        }
        if (!top.isJailspecs()) {
            throw new ProvisionException(dataset + " was not created by jailspec (" + top.describe() + "); left alone");
        }
        requireAllMarked(dataset, found);
        var r = new Zfs(host).tryDestroy(dataset, DestroyMode.RECURSIVE);
        if (r.exitCode() != 0) {
            throw new ProvisionException("zfs destroy -r " + dataset + " failed: " + r.stderr().strip() + ". A jail kept"
                    + " from it (jailspec.teardown=never) still uses it: remove that jail (zfs destroy -r on its dataset)");
        }
        bus.publish(new DatasetChanged(bus.now(), dataset, DatasetChanged.Change.DESTROYED, "to be rebuilt: " + why));
    }

    private Outcome destroyPlanted(String dataset) {
        sandbox.requireDataset(dataset);
        Map<String, DatasetMarks.Mark> found = new DatasetMarks(host).read(dataset, true);
        if (found.isEmpty()) {
            return new Outcome.NothingToDo();
        }
        if (found.size() != 1 || found.get(dataset) == null || found.get(dataset).isJailspecs()) {
            throw new ProvisionException(dataset + " is no longer only the dataset the scenario planted (it holds "
                    + found.keySet() + " or carries jailspec's mark); left alone, remove it by hand");
        }
        new Zfs(host).destroy(dataset, DestroyMode.NONE);
        return new Outcome.Done("destroy the planted dataset " + dataset);
    }

    private Outcome removeJailConf(Undo.RemoveJailConf f) {
        String path = sandbox.requirePath(f.path());
        if (host.stat(path).isEmpty()) {
            return new Outcome.NothingToDo();
        }
        String first = host.readText(path).lines().findFirst().orElse("");
        if (!first.equals(JailConfTemplate.markLine(f.run()))) {
            throw new ProvisionException(path + " was not written by " + whose(f.run()) + " (its first line is '"
                    + first + "'); left alone. Remove it by hand if it is stale");
        }
        if (leftRunning.contains(f.jail())) {
            return new Outcome.LeftAlone("leave " + path + ": the jail " + f.jail() + " could not be stopped, and"
                    + " service jail stop needs the file");
        }
        new FileCopy(host).removeFile(path);
        return new Outcome.Done(f.description());
    }

    /**
     * Puts rc.conf's variables back, each as {@link #undo} would one, with one {@code sysrc -x} for
     * those that were unset and one {@code sysrc NAME=VALUE...} for those that had a value: one
     * outcome per undo, in their order. A failed sysrc fails every undo it carried.
     */
    List<Outcome> restoreRcConf(List<Undo.RestoreRcConf> restores) {
        RcConfFile file = new RcConfFile(host);
        Map<Undo.RestoreRcConf, Outcome> outcomes = new java.util.LinkedHashMap<>();
        List<String> deletes = new java.util.ArrayList<>();
        var sets = new java.util.LinkedHashMap<String, String>();
        for (Undo.RestoreRcConf r : restores) {
            Optional<String> now = file.value(r.variable());
            if (now.equals(Optional.ofNullable(r.before()))) {
                outcomes.put(r, new Outcome.NothingToDo());
            } else if (keepHostConfig) {
                outcomes.put(r, new Outcome.LeftAlone("keep " + r.variable() + "=" + now.orElse("(unset)") + " in rc.conf"
                        + " (jailspec.teardown.hostconfig=keep; it was " + (r.before() == null ? "unset" : r.before()) + ")"));
            } else {
                if (r.before() == null) {
                    deletes.add(r.variable());
                } else {
                    sets.put(r.variable(), r.before());
                }
                outcomes.put(r, new Outcome.Done(r.description()));
            }
        }
        Sysrc sysrc = new Sysrc(host);
        if (!deletes.isEmpty()) {
            sysrc.delete(deletes);
        }
        if (!sets.isEmpty()) {
            sysrc.set(sets);
        }
        return restores.stream().map(outcomes::get).toList();
    }
}
