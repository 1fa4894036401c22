package dev.jailspec.provision;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.Ifconfig;
import dev.jailspec.freebsd.JailInfo;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.freebsd.ZfsDataset;
import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * At the start of a run (holding the lock), removes what earlier runs left behind, e.g. when
 * their JVM was killed: found by jailspec's marks only, never by name alone. From the marks it
 * rebuilds the {@link Undo}s the crashed run's teardown would have run, and runs them through the
 * same {@link UndoExecutor}:
 *
 * <ul>
 *   <li>jails running at a path below the ZFS mountpoint whose dataset or configuration file
 *       carries an earlier run's mark: stopped with {@code service jail onestop};</li>
 *   <li>epairs described {@code jail:<name>} for such a jail (or for a leftover clone or
 *       configuration file) that no longer runs: destroyed;</li>
 *   <li>files in /etc/jail.conf.d whose first line is an earlier run's mark: removed;</li>
 *   <li>datasets below the ZFS root with an earlier run's local mark and no {@code jailspec:keep}:
 *       destroyed with everything below them, provided all of that is marked too. A release
 *       template with its {@code @base} snapshot counts as kept.</li>
 * </ul>
 *
 * Which marks count as an earlier run's leftover is decided here; how each is removed is the
 * executor's. Each removal is published as a Note "reaper: removed ...". What cannot be removed
 * fails the run with the object and the command to remove it by hand.
 */
final class Reaper {
    private final Host host;
    private final Layout layout;
    private final Marks marks;
    private final EventBus bus;
    private final Zfs zfs;
    private final Jls jls;
    private final Ifconfig ifconfig;
    private final UndoExecutor executor;

    /** The undos, in the order a teardown runs them, and the jails found running (for the notes). */
    private record Plan(List<Undo> undos, Map<String, JailInfo> running) {
    }

    Reaper(Host host, Layout layout, Marks marks, UndoExecutor executor, EventBus bus) {
        this.host = host;
        this.layout = layout;
        this.marks = marks;
        this.bus = bus;
        this.zfs = new Zfs(host);
        this.jls = new Jls(host);
        this.ifconfig = new Ifconfig(host);
        this.executor = executor;
    }

    /** What earlier runs left, as undos: jails first (their datasets are busy and epairs in use while they run), then epairs, files, datasets. */
    List<Undo> leftovers() {
        return plan().undos();
    }

    /** Removes the leftovers; returns what was removed, in order. */
    List<String> reap() {
        Plan plan = plan();
        List<String> removed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Undo undo : plan.undos()) {
            try {
                UndoExecutor.Outcome outcome = executor.undo(undo);
                if (outcome instanceof UndoExecutor.Outcome.Done) {
                    removed.add(note(removal(undo, plan)));
                } else if (outcome instanceof UndoExecutor.Outcome.LeftAlone left) {
                    note(left.why());
                }
            } catch (RuntimeException e) {
                failures.add(subject(undo, plan) + ": " + e.getMessage() + byHand(undo));
            }
        }
        if (removed.isEmpty() && failures.isEmpty()) {
            bus.publish(new Note(bus.now(), "reaper: nothing left by earlier runs on " + host.describe()));
        }
        if (!failures.isEmpty()) {
            throw new ProvisionException("the reaper could not remove what earlier jailspec runs left on " + host.describe()
                    + ":\n- " + String.join("\n- ", failures));
        }
        return removed;
    }

    private Plan plan() {
        Map<String, DatasetMarks.Mark> found = new DatasetMarks(host).read(layout.zfsRoot(), true);
        List<DatasetMarks.Mark> leftovers = found.values().stream()
                .filter(m -> !m.isSnapshot() && m.isJailspecs() && !m.isKept() && m.run().isPresent()
                        && !m.isFromRun(marks.runId()))
                .filter(m -> !isCompleteTemplate(m.dataset(), found))
                .sorted(Comparator.comparingInt(m -> depth(m.dataset())))
                .toList();
        Map<String, String> mountpoints = new LinkedHashMap<>();
        if (!leftovers.isEmpty()) {
            for (ZfsDataset ds : zfs.list(layout.zfsRoot(), true, "filesystem")) {
                ds.mountpoint().ifPresent(mp -> mountpoints.put(ds.name(), mp));
            }
        }
        Set<String> leftoverPaths = new LinkedHashSet<>();
        leftovers.forEach(m -> Optional.ofNullable(mountpoints.get(m.dataset())).ifPresent(leftoverPaths::add));
        Map<String, Undo.RemoveJailConf> leftoverConfs = leftoverConfFiles();

        Set<String> jailNames = new LinkedHashSet<>(leftoverConfs.keySet());
        String containers = layout.containersDataset() + "/";
        leftovers.stream().map(DatasetMarks.Mark::dataset).filter(ds -> ds.startsWith(containers))
                .map(ds -> ds.substring(containers.length())).filter(n -> !n.contains("/")).forEach(jailNames::add);

        List<Undo> undos = new ArrayList<>();
        Map<String, JailInfo> running = new LinkedHashMap<>();
        Set<String> runningElsewhere = new LinkedHashSet<>();
        String below = layout.mountpoint().replaceAll("/+$", "") + "/";
        for (JailInfo jail : jls.list()) {
            String name = jail.name().orElse(Integer.toString(jail.jid()));
            runningElsewhere.add(name);
            if (jail.path().startsWith(below)
                    && (leftoverPaths.contains(jail.path()) || leftoverConfs.containsKey(name))) {
                jailNames.add(name);
                running.put(name, jail);
                undos.add(new Undo.StopJail(name, jail.path()));
            }
        }
        runningElsewhere.removeAll(running.keySet());
        undos.addAll(epairsOf(jailNames));
        // A jail of that name that runs, but not at a leftover's path, is not the reaper's: its file stays.
        leftoverConfs.values().stream().filter(f -> !runningElsewhere.contains(f.jail())).forEach(undos::add);
        leftovers.forEach(m -> undos.add(new Undo.DestroyDataset(m.dataset(), m.run().orElseThrow())));
        return new Plan(List.copyOf(undos), running);
    }

    private String note(String what) {
        bus.publish(new Note(bus.now(), "reaper: " + what));
        return what;
    }

    /** The reaper's words for what it removed, e.g. "destroyed the dataset ... (jailspec:run=...)". */
    private static String removal(Undo undo, Plan plan) {
        if (undo instanceof Undo.StopJail s) {
            JailInfo jail = plan.running().get(s.jail());
            return "stopped the jail " + s.jail() + " (jid " + jail.jid() + ", at " + s.path() + ")";
        } else if (undo instanceof Undo.DestroyEpair e) {
            return "destroyed the interface " + e.iface() + " (" + Marks.epairDescription(e.jail()) + ")";
        } else if (undo instanceof Undo.RemoveJailConf f) {
            return "removed " + f.path();
        } else if (undo instanceof Undo.DestroyDataset d) {
            return "destroyed the dataset " + d.dataset() + " (" + Marks.RUN + "=" + d.run() + ")";
        }
        throw new IllegalStateException("the reaper does not plan " + undo);
    }

    private static String subject(Undo undo, Plan plan) {
        if (undo instanceof Undo.StopJail s) {
            return "the jail " + s.jail() + " at " + s.path();
        } else if (undo instanceof Undo.DestroyEpair e) {
            return "the interface " + e.iface();
        } else if (undo instanceof Undo.RemoveJailConf f) {
            return f.path();
        } else if (undo instanceof Undo.DestroyDataset d) {
            return d.dataset();
        }
        return undo.description();
    }

    /** The executor's messages name the command for jails and datasets; these two say it here. */
    private static String byHand(Undo undo) {
        if (undo instanceof Undo.DestroyEpair e) {
            return "; destroy it by hand: ifconfig " + e.iface() + " destroy";
        }
        return undo instanceof Undo.RemoveJailConf ? "; remove it by hand" : "";
    }

    private static int depth(String dataset) {
        return dataset.split("/").length;
    }

    /** A release template with its @base snapshot is kept for reuse even without jailspec:keep (older runs did not set it). */
    private boolean isCompleteTemplate(String ds, Map<String, DatasetMarks.Mark> found) {
        return ds.startsWith(layout.templatesDataset() + "/") && found.containsKey(ds + "@" + Layout.BASE_SNAPSHOT);
    }

    /** By jail name, the removal of each file in /etc/jail.conf.d that carries an earlier run's mark. */
    private Map<String, Undo.RemoveJailConf> leftoverConfFiles() {
        Map<String, Undo.RemoveJailConf> out = new LinkedHashMap<>();
        for (String file : host.list(Sandbox.JAIL_CONF_DIR)) {
            String path = Sandbox.JAIL_CONF_DIR + "/" + file;
            if (!file.endsWith(".conf") || host.stat(path).filter(s -> !s.isDirectory()).isEmpty()) {
                continue;
            }
            Optional<String> run = JailConfTemplate.runOf(host.readText(path));
            if (run.isPresent() && !run.get().equals(marks.runId())) {
                String jail = file.substring(0, file.length() - ".conf".length());
                out.put(jail, new Undo.RemoveJailConf(jail, path, run.get()));
            }
        }
        return out;
    }

    /** The removal of each host-side epair whose description is {@code jail:<name>} for one of {@code names}. */
    private List<Undo.DestroyEpair> epairsOf(Set<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<Undo.DestroyEpair> out = new ArrayList<>();
        String all = host.run(Command.probe("ifconfig", "-l")).orThrow().stdout().strip();
        for (String iface : all.isEmpty() ? new String[0] : all.split("\\s+")) {
            if (!iface.matches("epair\\d+a")) {
                continue;
            }
            Optional<String> jail = Marks.jailOfEpair(ifconfig.describe(iface).description());
            if (jail.isPresent() && names.contains(jail.get())) {
                out.add(new Undo.DestroyEpair(iface, jail.get()));
            }
        }
        return out;
    }
}
