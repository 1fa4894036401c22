package dev.jailspec.provision;

import dev.jailspec.event.DatasetChanged;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.JailStateChanged;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.DestroyMode;
import dev.jailspec.freebsd.FileCopy;
import dev.jailspec.freebsd.Ifconfig;
import dev.jailspec.freebsd.InterfaceInfo;
import dev.jailspec.freebsd.JailInfo;
import dev.jailspec.freebsd.JailService;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.Sysrc;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Host;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a scenario changed, undone in reverse order. Every undo is tried even when an earlier one
 * failed, and the failures are reported together, so one stuck jail does not leave datasets behind.
 *
 * <p>Nothing is removed without jailspec's mark: a dataset must carry this run's
 * {@code jailspec:run} (locally, on it and on everything below it), a file must start with
 * {@link JailConfTemplate#MARK} for this run, an epair must be described {@code jail:<name>}, a
 * jail must run at this run's clone. Anything else is left alone and reported, with what to do.
 * Marked objects meant to stay ({@code jailspec:keep}, the complete template) are kept.
 *
 * <p>Thread-safe: the JVM's shutdown hook and the scenario's own teardown may race; each undo runs once.
 */
public final class Teardown {
    private final Deque<Undo> undos = new ArrayDeque<>();
    /** What a scenario planted to stage a situation (a foreign dataset): removed only when the scenario ends. */
    private final Deque<Undo> planted = new ArrayDeque<>();
    private final Host host;
    private final Marks marks;
    private final Sandbox sandbox;
    private final boolean keepHostConfig;
    private final Sysrc sysrc;
    private final JailService jailService;
    private final Jls jls;
    private final Ifconfig ifconfig;
    private final FileCopy files;
    private final EventBus bus;
    private final FreedJailDestroy destroyer;
    /** Jails this teardown removed: their datasets wait until they are no longer dying. */
    private final List<String> removedJails = new ArrayList<>();

    Teardown(Host host, Layout layout, Marks marks, boolean keepHostConfig, Duration dyingWait, EventBus bus) {
        this.host = host;
        this.marks = marks;
        this.sandbox = new Sandbox(layout);
        this.keepHostConfig = keepHostConfig;
        this.sysrc = new Sysrc(host);
        this.jailService = new JailService(host);
        this.jls = new Jls(host);
        this.ifconfig = new Ifconfig(host);
        this.files = new FileCopy(host);
        this.bus = bus;
        this.destroyer = new FreedJailDestroy(host, bus, dyingWait);
    }

    synchronized void record(Undo undo) {
        if (!undos.contains(undo)) {
            undos.push(undo);
        }
    }

    synchronized void recordPlanted(Undo.DestroyPlanted undo) {
        planted.push(undo);
    }

    public synchronized List<String> pending() {
        return undos.stream().map(Undo::description).toList();
    }

    /** Undoes the scenario's changes; throws at the end if any undo failed, listing each failure. */
    public synchronized void run() {
        undoAll(undos);
    }

    /** At the scenario's end: its changes, then what it planted. */
    public synchronized void runWithPlanted() {
        try {
            undoAll(undos);
        } finally {
            undoAll(planted);
        }
    }

    private void undoAll(Deque<Undo> stack) {
        var failures = new ArrayList<String>();
        while (!stack.isEmpty()) {
            Undo undo = stack.pop();
            try {
                String done = undo(undo);
                if (done != null) {
                    bus.publish(new Note(bus.now(), "teardown: " + done));
                }
            } catch (RuntimeException e) {
                failures.add(undo.description() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new ProvisionException("teardown left things behind:\n- " + String.join("\n- ", failures));
        }
    }

    /** Undoes one change; returns what was done for the report, or null when there was nothing to do. */
    private String undo(Undo undo) {
        if (undo instanceof Undo.StopJail s) {
            return stopJail(s);
        } else if (undo instanceof Undo.DestroyEpair e) {
            return destroyEpair(e.iface(), e.jail(), ifconfig);
        } else if (undo instanceof Undo.DestroyDataset d) {
            return destroyDataset(d.dataset());
        } else if (undo instanceof Undo.RemoveFile f) {
            return removeFile(f.path());
        } else if (undo instanceof Undo.RestoreRcConf r) {
            return restoreRcConf(r);
        } else if (undo instanceof Undo.RestoreDevfsRules d) {
            return DevfsRulesUndo.restore(host, d, keepHostConfig);
        } else if (undo instanceof Undo.DestroyPlanted p) {
            return destroyPlanted(p.dataset());
        }
        throw new IllegalStateException("unknown undo " + undo);
    }

    private String stopJail(Undo.StopJail s) {
        Optional<JailInfo> running = jls.find(s.jail());
        if (running.isEmpty()) {
            return null;
        }
        if (!running.get().path().equals(s.path())) {
            return "leave the jail " + s.jail() + " running: it runs at " + running.get().path() + ", not at this run's "
                    + s.path();
        }
        jailService.onestop(s.jail());
        removedJails.add(s.jail());
        // A dying jail is not running (kern_jail.c): jls -j says "is dying" and find() is empty.
        if (jls.find(s.jail()).isPresent()) {
            throw new ProvisionException("service jail onestop " + s.jail() + " left the jail running; stop it by hand:"
                    + " jail -r " + s.jail());
        }
        bus.publish(new JailStateChanged(bus.now(), s.jail(), JailStateChanged.State.STOPPED, s.path()));
        return s.description();
    }

    /**
     * Destroys {@code iface} when it exists and its description is {@code jail:<jail>}; one
     * described otherwise is not jailspec's and is left alone. Shared with the reaper.
     */
    static String destroyEpair(String iface, String jail, Ifconfig ifconfig) {
        if (!ifconfig.exists(iface)) {
            return null;
        }
        InterfaceInfo info = ifconfig.describe(iface);
        String expected = Marks.epairDescription(jail);
        if (!info.description().filter(expected::equals).isPresent()) {
            return "leave the interface " + iface + " alone: it is described as '" + info.description().orElse("")
                    + "', not '" + expected + "'";
        }
        ifconfig.destroy(iface);
        return "destroy the interface " + iface + " (" + expected + ")";
    }

    private String destroyDataset(String dataset) {
        sandbox.requireDataset(dataset);
        Map<String, DatasetMarks.Mark> found = new DatasetMarks(host).read(dataset, true);
        DatasetMarks.Mark top = found.get(dataset);
        if (top == null) {
            return null;
        }
        if (top.isKept()) {
            return "keep " + dataset + " (" + top.describe() + ")";
        }
        if (!top.isFromRun(marks.runId())) {
            throw new ProvisionException(dataset + " was not created by this run (" + top.describe()
                    + "); left alone. If it is a leftover of jailspec, a new run's reaper removes it; else remove or"
                    + " rename it by hand, or choose another jailspec.jail.name");
        }
        requireAllMarked(dataset, found);
        destroyer.destroy(dataset, List.copyOf(removedJails));
        bus.publish(new DatasetChanged(bus.now(), dataset, DatasetChanged.Change.DESTROYED, "teardown"));
        return "destroy the dataset " + dataset;
    }

    private String destroyPlanted(String dataset) {
        sandbox.requireDataset(dataset);
        Map<String, DatasetMarks.Mark> found = new DatasetMarks(host).read(dataset, true);
        if (found.isEmpty()) {
            return null;
        }
        if (found.size() != 1 || found.get(dataset) == null || found.get(dataset).isJailspecs()) {
            throw new ProvisionException(dataset + " is no longer only the dataset the scenario planted (it holds "
                    + found.keySet() + " or carries jailspec's mark); left alone, remove it by hand");
        }
        new Zfs(host).destroy(dataset, DestroyMode.NONE);
        return "destroy the planted dataset " + dataset;
    }

    /** {@code zfs destroy -r} takes children and snapshots too: each must carry jailspec's own mark. Shared with the reaper. */
    static void requireAllMarked(String dataset, Map<String, DatasetMarks.Mark> found) {
        List<String> foreign = found.values().stream().filter(m -> !m.isJailspecs()).map(DatasetMarks.Mark::dataset)
                .toList();
        if (!foreign.isEmpty()) {
            throw new ProvisionException(dataset + " holds " + String.join(", ", foreign) + ", which jailspec did not"
                    + " create; nothing was destroyed. Move or destroy " + (foreign.size() == 1 ? "it" : "them")
                    + " by hand, then run: zfs destroy -r " + dataset);
        }
    }

    private String removeFile(String path) {
        sandbox.requirePath(path);
        if (host.stat(path).isEmpty()) {
            return null;
        }
        String first = host.readText(path).lines().findFirst().orElse("");
        if (!first.equals(JailConfTemplate.markLine(marks.runId()))) {
            throw new ProvisionException(path + " was not written by this run (its first line is '" + first
                    + "'); left alone. Remove it by hand if it is stale");
        }
        files.removeFile(path);
        return "remove " + path;
    }

    private String restoreRcConf(Undo.RestoreRcConf r) {
        Optional<String> now = new RcConfFile(host).value(r.variable());
        if (now.equals(Optional.ofNullable(r.before()))) {
            return null;
        }
        if (keepHostConfig) {
            return "keep " + r.variable() + "=" + now.orElse("(unset)") + " in rc.conf (jailspec.teardown.hostconfig=keep;"
                    + " it was " + (r.before() == null ? "unset" : r.before()) + ")";
        }
        if (r.before() == null) {
            sysrc.delete(r.variable());
        } else {
            sysrc.set(r.variable(), r.before());
        }
        return r.description();
    }
}
