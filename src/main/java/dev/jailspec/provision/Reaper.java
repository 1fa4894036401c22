package dev.jailspec.provision;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.DestroyMode;
import dev.jailspec.freebsd.FileCopy;
import dev.jailspec.freebsd.Ifconfig;
import dev.jailspec.freebsd.JailInfo;
import dev.jailspec.freebsd.JailService;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.freebsd.ZfsDataset;
import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import java.time.Duration;
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
 * their JVM was killed: found by jailspec's marks only, never by name alone.
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
 * Each removal is published as a Note "reaper: removed ...". What cannot be removed fails the
 * run with the object and the command to remove it by hand.
 */
final class Reaper {
    private final Host host;
    private final Layout layout;
    private final Marks marks;
    private final EventBus bus;
    private final Sandbox sandbox;
    private final Zfs zfs;
    private final Jls jls;
    private final Ifconfig ifconfig;
    private final FreedJailDestroy destroyer;

    Reaper(Host host, Layout layout, Marks marks, Duration dyingWait, EventBus bus) {
        this.host = host;
        this.layout = layout;
        this.marks = marks;
        this.bus = bus;
        this.sandbox = new Sandbox(layout);
        this.zfs = new Zfs(host);
        this.jls = new Jls(host);
        this.ifconfig = new Ifconfig(host);
        this.destroyer = new FreedJailDestroy(host, bus, dyingWait);
    }

    /** Removes the leftovers; returns what was removed, in order. */
    List<String> reap() {
        List<String> removed = new ArrayList<>();
        List<String> failures = new ArrayList<>();

        Map<String, DatasetMarks.Mark> found = new DatasetMarks(host).read(layout.zfsRoot(), true);
        List<String> leftovers = found.values().stream()
                .filter(m -> !m.isSnapshot() && m.isJailspecs() && !m.isKept() && !m.isFromRun(marks.runId()))
                .map(DatasetMarks.Mark::dataset)
                .filter(ds -> !isCompleteTemplate(ds, found))
                .toList();
        Map<String, String> mountpoints = new LinkedHashMap<>();
        if (!leftovers.isEmpty()) {
            for (ZfsDataset ds : zfs.list(layout.zfsRoot(), true, "filesystem")) {
                ds.mountpoint().ifPresent(mp -> mountpoints.put(ds.name(), mp));
            }
        }
        Set<String> leftoverPaths = new LinkedHashSet<>();
        leftovers.forEach(ds -> Optional.ofNullable(mountpoints.get(ds)).ifPresent(leftoverPaths::add));
        Map<String, String> leftoverConfs = leftoverConfFiles();

        // Jails first: their datasets are busy and their epairs in use while they run.
        Set<String> jailNames = new LinkedHashSet<>(leftoverConfs.keySet());
        leftovers.stream().filter(ds -> ds.startsWith(layout.containersDataset() + "/"))
                .map(ds -> ds.substring(layout.containersDataset().length() + 1))
                .filter(n -> !n.contains("/")).forEach(jailNames::add);
        String below = layout.mountpoint().replaceAll("/+$", "") + "/";
        List<String> stopped = new ArrayList<>(); // may stay dying: their clones wait (FreedJailDestroy)
        for (JailInfo jail : jls.list()) {
            String name = jail.name().orElse(Integer.toString(jail.jid()));
            boolean leftover = jail.path().startsWith(below)
                    && (leftoverPaths.contains(jail.path()) || leftoverConfs.containsKey(name));
            if (!leftover) {
                continue;
            }
            jailNames.add(name);
            try {
                if (host.stat("/etc/jail.conf.d/" + name + ".conf").isEmpty()) {
                    throw new ProvisionException("it has no /etc/jail.conf.d/" + name + ".conf to stop it with");
                }
                new JailService(host).onestop(name);
                if (jls.find(name).isPresent()) {
                    throw new ProvisionException("service jail onestop " + name + " left it running");
                }
                stopped.add(name);
                removed.add(note("stopped the jail " + name + " (jid " + jail.jid() + ", at " + jail.path() + ")"));
            } catch (RuntimeException e) {
                failures.add("the jail " + name + " at " + jail.path() + ": " + e.getMessage()
                        + "; stop it by hand: jail -r " + name);
            }
        }

        for (String iface : epairsOf(jailNames)) {
            String jail = Marks.jailOfEpair(ifconfig.describe(iface).description()).orElse("");
            try {
                String done = Teardown.destroyEpair(iface, jail, ifconfig);
                if (done != null) {
                    removed.add(note("destroyed the interface " + iface + " (" + Marks.epairDescription(jail) + ")"));
                }
            } catch (RuntimeException e) {
                failures.add("the interface " + iface + ": " + e.getMessage() + "; destroy it by hand: ifconfig " + iface
                        + " destroy");
            }
        }

        for (Map.Entry<String, String> conf : leftoverConfs.entrySet()) {
            if (jls.find(conf.getKey()).isPresent()) {
                continue; // still running: reported above
            }
            try {
                new FileCopy(host).removeFile(sandbox.requirePath(conf.getValue()));
                removed.add(note("removed " + conf.getValue()));
            } catch (RuntimeException e) {
                failures.add(conf.getValue() + ": " + e.getMessage() + "; remove it by hand");
            }
        }

        List<String> destroyed = new ArrayList<>();
        for (String ds : leftovers.stream().sorted(Comparator.comparingInt(Reaper::depth)).toList()) {
            if (destroyed.stream().anyMatch(d -> ds.startsWith(d + "/"))) {
                continue;
            }
            try {
                sandbox.requireDataset(ds);
                Map<String, DatasetMarks.Mark> inside = new LinkedHashMap<>();
                found.forEach((name, m) -> {
                    if (name.equals(ds) || name.startsWith(ds + "/") || name.startsWith(ds + "@")) {
                        inside.put(name, m);
                    }
                });
                Teardown.requireAllMarked(ds, inside);
                String containers = layout.containersDataset() + "/";
                String jail = ds.startsWith(containers) ? ds.substring(containers.length()) : "";
                if (stopped.contains(jail)) {
                    destroyer.destroy(ds, List.of(jail));
                } else {
                    zfs.destroy(ds, DestroyMode.RECURSIVE);
                }
                destroyed.add(ds);
                removed.add(note("destroyed the dataset " + ds + " (" + found.get(ds).describe() + ")"));
            } catch (RuntimeException e) {
                failures.add(ds + ": " + e.getMessage());
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

    private String note(String what) {
        bus.publish(new Note(bus.now(), "reaper: " + what));
        return what;
    }

    private static int depth(String dataset) {
        return dataset.split("/").length;
    }

    /** A release template with its @base snapshot is kept for reuse even without jailspec:keep (older runs did not set it). */
    private boolean isCompleteTemplate(String ds, Map<String, DatasetMarks.Mark> found) {
        return ds.startsWith(layout.templatesDataset() + "/") && found.containsKey(ds + "@" + Layout.BASE_SNAPSHOT);
    }

    /** Jail name to path of the files in /etc/jail.conf.d that carry an earlier run's mark. */
    private Map<String, String> leftoverConfFiles() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String file : host.list(Sandbox.JAIL_CONF_DIR)) {
            String path = Sandbox.JAIL_CONF_DIR + "/" + file;
            if (!file.endsWith(".conf") || host.stat(path).filter(s -> !s.isDirectory()).isEmpty()) {
                continue;
            }
            Optional<String> run = JailConfTemplate.runOf(host.readText(path));
            if (run.isPresent() && !run.get().equals(marks.runId())) {
                out.put(file.substring(0, file.length() - ".conf".length()), path);
            }
        }
        return out;
    }

    /** Host-side epairs whose description is {@code jail:<name>} for one of {@code names}, of jails no longer running. */
    private List<String> epairsOf(Set<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String all = host.run(Command.probe("ifconfig", "-l")).orThrow().stdout().strip();
        for (String iface : all.isEmpty() ? new String[0] : all.split("\\s+")) {
            if (!iface.matches("epair\\d+a")) {
                continue;
            }
            Optional<String> jail = Marks.jailOfEpair(ifconfig.describe(iface).description());
            if (jail.isPresent() && names.contains(jail.get()) && jls.find(jail.get()).isEmpty()) {
                out.add(iface);
            }
        }
        return out;
    }
}
