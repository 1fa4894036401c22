package dev.jailspec.provision;

import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.EventSubscriber;
import dev.jailspec.event.FileWritten;
import dev.jailspec.event.ScenarioFinished;
import dev.jailspec.event.ScenarioStarted;
import dev.jailspec.event.WaitFinished;
import dev.jailspec.freebsd.Sysrc;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.freebsd.ZfsProperty;
import dev.jailspec.freebsd.ZfsPropertySource;
import dev.jailspec.host.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the procedure's own checks have read of the host since it last could have changed, answered
 * again instead of asking the host (issue 15): the datasets under the ZFS root with their marks, from
 * one {@code zfs get -r} of the root instead of a {@code zfs list}/{@code zfs get} per name, and
 * rc.conf values, several in one {@code sysrc}.
 *
 * <p>Everything is forgotten as soon as the host may have changed, whoever changed it: any command
 * that is not a read-only probe ({@link CommandStarted} with an intent that does not read only, on
 * the host, in a jail or in a chroot, from a step, the step glue or teardown), any file written or
 * copied ({@link FileWritten}), any wait ({@link WaitFinished}: time passed, a dying jail may be freed)
 * and the scenario's start and end. A probe the host answers within a wait is never served from here:
 * {@link Waits} and what polls through it do not use this class. What a feature asserts on reads the
 * host fresh ({@link HostFacts}, {@link LinuxJailChecks}; architecture/LayeringTest keeps them off this
 * class): a Then step checked against a remembered value would prove nothing.
 *
 * <p>One per run ({@link JailspecRun#hostState()}), forgotten again by every new {@link Provisioner}.
 */
final class HostState implements EventSubscriber {
    /** The properties the one recursive read asks: what the steps decide on, not space (that changes with every file). */
    static final List<String> DATASET_PROPERTIES;
    /** What a Linux template was built from: read in the same recursive read, so reusing it asks nothing more. */
    static final List<String> LINUX_TEMPLATE_MARKS = List.of(Marks.LINUX_IMAGE, Marks.LINUX_RECIPE);

    static {
        List<String> props = new ArrayList<>(List.of("type", "mountpoint", "origin"));
        props.addAll(DatasetMarks.MARK_PROPERTIES);
        props.addAll(LINUX_TEMPLATE_MARKS);
        DATASET_PROPERTIES = List.copyOf(props);
    }

    private final Host host;
    private final String zfsRoot;
    private Datasets datasets;
    private final Map<String, Optional<String>> rcConf = new HashMap<>();
    private long reads;
    private long generation;

    HostState(Host host, String zfsRoot) {
        this.host = host;
        this.zfsRoot = zfsRoot;
    }

    @Override
    public void subscribeTo(Handlers handlers) {
        handlers.on(CommandStarted.class, e -> {
            if (!e.command().intent().readOnly()) {
                forget();
            }
        });
        handlers.on(FileWritten.class, e -> forget());
        handlers.on(WaitFinished.class, e -> forget());
        handlers.on(ScenarioStarted.class, e -> forget());
        handlers.on(ScenarioFinished.class, e -> forget());
    }

    /** The datasets and snapshots under the ZFS root (the root included), read once until the next change. */
    Datasets datasets() {
        long seen;
        synchronized (this) {
            if (datasets != null) {
                return datasets;
            }
            seen = generation;
            reads++;
        }
        // Asked without the lock: the command's own events reach forget() on the bus's thread.
        Datasets read = Datasets.of(zfsRoot, new Zfs(host).getRecursive(zfsRoot, DATASET_PROPERTIES.toArray(String[]::new)));
        synchronized (this) {
            if (seen == generation) {
                datasets = read;
            }
        }
        return read;
    }

    /** {@code sysrc}'s value of each variable (empty: unknown to it); those not known since the last change are read in one command. */
    Map<String, Optional<String>> rcConf(List<String> variables) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        List<String> missing;
        long seen;
        synchronized (this) {
            variables.stream().filter(rcConf::containsKey).forEach(v -> out.put(v, rcConf.get(v)));
            missing = variables.stream().filter(v -> !out.containsKey(v)).distinct().toList();
            seen = generation;
            if (!missing.isEmpty()) {
                reads++;
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Optional<String>> read = new Sysrc(host).get(missing);
            out.putAll(read);
            synchronized (this) {
                if (seen == generation) {
                    rcConf.putAll(read);
                }
            }
        }
        Map<String, Optional<String>> ordered = new LinkedHashMap<>();
        variables.forEach(v -> ordered.put(v, out.get(v)));
        return ordered;
    }

    /** Forgets everything seen: the next question asks the host. */
    synchronized void forget() {
        generation++;
        datasets = null;
        rcConf.clear();
    }

    /** How many times this asked the host, for tests of what it answers from memory. */
    synchronized long reads() {
        return reads;
    }

    /**
     * One dataset or snapshot as the recursive {@code zfs get} showed it; {@code -} values are empty.
     * {@code builtFrom} holds the {@link #LINUX_TEMPLATE_MARKS} set on it locally.
     */
    record Dataset(String name, boolean snapshot, Optional<String> mountpoint, Optional<String> origin,
            DatasetMarks.Mark mark, Map<String, String> builtFrom) {
    }

    /** Everything at and below the root: a name under it that is not here does not exist. */
    record Datasets(String root, Map<String, Dataset> byName) {
        static Datasets of(String root, List<ZfsProperty> lines) {
            Map<String, Map<String, Optional<String>>> values = new LinkedHashMap<>();
            Map<String, Map<String, String>> builtFrom = new HashMap<>();
            for (ZfsProperty p : lines) {
                values.computeIfAbsent(p.dataset(), k -> new HashMap<>()).put(p.property(), p.valueIfSet());
                Map<String, String> own = builtFrom.computeIfAbsent(p.dataset(), k -> new HashMap<>());
                // Only a local value: a clone or child below the template would show it inherited.
                if (LINUX_TEMPLATE_MARKS.contains(p.property()) && p.source().kind() == ZfsPropertySource.Kind.LOCAL) {
                    p.valueIfSet().ifPresent(v -> own.put(p.property(), v));
                }
            }
            Map<String, DatasetMarks.Mark> marks = DatasetMarks.marks(lines);
            Map<String, Dataset> byName = new LinkedHashMap<>();
            values.forEach((name, v) -> byName.put(name, new Dataset(name,
                    v.getOrDefault("type", Optional.empty()).filter("snapshot"::equals).isPresent(),
                    v.getOrDefault("mountpoint", Optional.empty()), v.getOrDefault("origin", Optional.empty()),
                    marks.get(name), Map.copyOf(builtFrom.get(name)))));
            return new Datasets(root, Map.copyOf(byName));
        }

        boolean exists(String name) {
            return find(name).isPresent();
        }

        Optional<Dataset> find(String name) {
            if (!name.equals(root) && !name.startsWith(root + "/") && !name.startsWith(root + "@")) {
                throw new IllegalArgumentException(name + " is not under the ZFS root " + root
                        + ": what was read of the host says nothing about it");
            }
            return Optional.ofNullable(byName.get(name));
        }

        /** jailspec's local marks on {@code name}; empty when it does not exist. */
        Optional<DatasetMarks.Mark> mark(String name) {
            return find(name).map(Dataset::mark);
        }
    }
}
