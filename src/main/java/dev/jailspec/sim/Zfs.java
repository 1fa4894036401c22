package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ZFS pools of the simulated host. A mounted file system is the directory at its mount
 * point (its own files, without what other file systems mount below it); a snapshot is a frozen
 * copy of those files in the store under {@code /var/db/jailspec-sim/zfs}; a clone starts as a
 * copy of its snapshot. An unmounted file system keeps its files in the store too. A directory a
 * file system is mounted over keeps its old files hidden in the store until the unmount.
 */
final class Zfs {
    /** Size of every simulated pool. */
    static final long POOL_SIZE = 100L << 30;

    /** A property value and where it comes from, as the SOURCE column of {@code zfs get} shows it. */
    record Value(String value, String source) {
    }

    private final SimMachine m;

    Zfs(SimMachine m) {
        this.m = m;
    }

    Optional<SimState.DatasetState> find(String name) {
        return m.state().dataset(name);
    }

    boolean poolExists(String pool) {
        return m.state().pools.contains(pool);
    }

    List<SimState.DatasetState> pools() {
        return m.state().pools.stream().sorted().map(p -> m.state().datasets.get(p)).toList();
    }

    List<SimState.DatasetState> children(String fs) {
        return m.state().datasets.values().stream()
                .filter(d -> !d.snapshot && fs.equals(ZfsNames.parent(d.name)))
                .sorted(Comparator.comparing(d -> d.name))
                .toList();
    }

    List<SimState.DatasetState> snapshots(String fs) {
        return m.state().datasets.values().stream()
                .filter(d -> d.snapshot && ZfsNames.filesystemOf(d.name).equals(fs))
                .sorted(Comparator.comparingLong(d -> d.createtxg))
                .toList();
    }

    /** The file system, its snapshots, then each child the same way, down to {@code maxDepth}. */
    List<SimState.DatasetState> tree(SimState.DatasetState top, int maxDepth) {
        List<SimState.DatasetState> out = new ArrayList<>();
        walk(top, 0, maxDepth, out);
        return out;
    }

    private void walk(SimState.DatasetState ds, int depth, int maxDepth, List<SimState.DatasetState> out) {
        out.add(ds);
        if (ds.snapshot || depth >= maxDepth) {
            return;
        }
        out.addAll(snapshots(ds.name));
        for (SimState.DatasetState child : children(ds.name)) {
            walk(child, depth + 1, maxDepth, out);
        }
    }

    /** Snapshots cloned from {@code snapshot}. */
    List<SimState.DatasetState> clonesOf(SimState.DatasetState snapshot) {
        return m.state().datasets.values().stream()
                .filter(d -> snapshot.name.equals(d.origin))
                .sorted(Comparator.comparing(d -> d.name))
                .toList();
    }

    // ---- properties ----

    Value mountpoint(SimState.DatasetState ds) {
        if (ds.snapshot) {
            return new Value("-", "-");
        }
        String local = ds.props.get("mountpoint");
        if (local != null) {
            return new Value(local, "local");
        }
        String rel = "";
        String current = ds.name;
        while (true) {
            String parent = ZfsNames.parent(current);
            if (parent == null) {
                return new Value(join("/" + current, rel), "default");
            }
            rel = current.substring(parent.length()) + rel;
            current = parent;
            String inherited = m.state().datasets.get(current).props.get("mountpoint");
            if (inherited != null) {
                boolean path = inherited.startsWith("/");
                return new Value(path ? join(inherited, rel) : inherited, "inherited from " + current);
            }
        }
    }

    private static String join(String base, String rel) {
        if (rel.isEmpty()) {
            return base;
        }
        return base.equals("/") ? rel : base + rel;
    }

    /**
     * An inheritable boolean property (exec, setuid, readonly): set here ({@code local}), else
     * the nearest ancestor's local value ({@code inherited from A}), else the default
     * ({@code default}); a snapshot inherits from its file system. This is dsl_prop_get's walk
     * up the parents (module/zfs/dsl_prop.c dsl_prop_get_dd at zfs-2.2.7: the loop follows
     * {@code dd->dd_parent} only, so a clone's parent is the dataset above it, never its origin;
     * dsl_prop_get_ds asks a snapshot's own properties first, then its file system's directory).
     */
    Value inheritedBoolean(SimState.DatasetState ds, String prop) {
        if (!ds.snapshot && ds.props.containsKey(prop)) {
            return new Value(ds.props.get(prop), "local");
        }
        String current = ds.snapshot ? ZfsNames.filesystemOf(ds.name) : ZfsNames.parent(ds.name);
        while (current != null) {
            SimState.DatasetState a = m.state().datasets.get(current);
            if (a.props.containsKey(prop)) {
                // libzfs get_source(): a setpoint other than the dataset's own name is "inherited from"
                return new Value(a.props.get(prop), "inherited from " + current);
            }
            current = ZfsNames.parent(current);
        }
        return new Value(ZfsProps.BOOLEAN_DEFAULTS.get(prop), "default");
    }

    /**
     * A user property: set here ({@code local}), inherited from an ancestor, or absent. User
     * properties are inheritable (dsl_prop_get_dd at zfs-2.2.7: {@code prop == ZPROP_USERPROP}), by the
     * same walk up {@code dd_parent}: a clone does not inherit its origin snapshot's marks.
     */
    Optional<Value> userProperty(SimState.DatasetState ds, String prop) {
        if (ds.props.containsKey(prop)) {
            return Optional.of(new Value(ds.props.get(prop), "local"));
        }
        String current = ds.snapshot ? ZfsNames.filesystemOf(ds.name) : ZfsNames.parent(ds.name);
        while (current != null) {
            SimState.DatasetState a = m.state().datasets.get(current);
            if (a.props.containsKey(prop)) {
                return Optional.of(new Value(a.props.get(prop), "inherited from " + current));
            }
            current = ZfsNames.parent(current);
        }
        return Optional.empty();
    }

    /** User property names set on {@code ds} or an ancestor, sorted. */
    List<String> userPropertyNames(SimState.DatasetState ds) {
        Set<String> names = new java.util.TreeSet<>();
        String current = ds.name;
        boolean first = true;
        while (current != null) {
            SimState.DatasetState a = m.state().datasets.get(current);
            a.props.keySet().stream().filter(k -> k.contains(":")).forEach(names::add);
            current = first && ds.snapshot ? ZfsNames.filesystemOf(ds.name) : ZfsNames.parent(current);
            first = false;
        }
        return List.copyOf(names);
    }

    long referenced(SimState.DatasetState ds) throws IOException {
        if (ds.mounted()) {
            Path real = m.hostFs().resolve(ds.mountedAt);
            return Trees.size(real, otherMountPoints(real));
        }
        return Trees.size(stash(ds), Set.of());
    }

    long used(SimState.DatasetState ds) throws IOException {
        if (ds.snapshot) {
            return 0;
        }
        long used = referenced(ds);
        for (SimState.DatasetState child : children(ds.name)) {
            used += used(child);
        }
        return used;
    }

    long available(SimState.DatasetState ds) throws IOException {
        return Math.max(0, POOL_SIZE - used(m.state().datasets.get(ds.pool())));
    }

    // ---- changes ----

    SimState.DatasetState create(String name, Map<String, String> props, boolean mount) throws IOException {
        SimState.DatasetState ds = newDataset(name, false);
        ds.props.putAll(props);
        m.state().datasets.put(name, ds);
        if (mount) {
            mount(ds);
        }
        return ds;
    }

    SimState.DatasetState snapshot(SimState.DatasetState fs, String snapName) throws IOException {
        SimState.DatasetState snap = newDataset(fs.name + "@" + snapName, true);
        copyOwnFiles(fs, stash(snap));
        m.state().datasets.put(snap.name, snap);
        return snap;
    }

    SimState.DatasetState cloneOf(SimState.DatasetState snapshot, String target, Map<String, String> props) throws IOException {
        SimState.DatasetState clone = newDataset(target, false);
        clone.origin = snapshot.name;
        clone.props.putAll(props);
        Trees.copy(stash(snapshot), stash(clone), Set.of());
        m.state().datasets.put(target, clone);
        mount(clone);
        return clone;
    }

    /** Destroys a dataset that has no children, snapshots or clones left. */
    void destroy(SimState.DatasetState ds) throws IOException {
        if (ds.mounted()) {
            Path real = m.hostFs().resolve(ds.mountedAt);
            Trees.clear(real, otherMountPoints(real));
            leaveMountPoint(ds, real);
        }
        Trees.delete(stash(ds));
        m.state().datasets.remove(ds.name);
    }

    /** Mounts a file system at its mount point if it has a path for one (not none/legacy). */
    void mount(SimState.DatasetState ds) throws IOException {
        String mp = mountpoint(ds).value();
        if (ds.snapshot || ds.mounted() || !mp.startsWith("/")) {
            return;
        }
        m.hostFs().mkdirs(mp);
        Path real = m.hostFs().resolve(mp);
        moveEntries(real, shadow(ds), otherMountPoints(real));
        moveEntries(stash(ds), real, Set.of());
        Trees.delete(stash(ds));
        ds.mountedAt = mp;
    }

    /** Unmounts a file system; its files go to the store, the hidden files come back. */
    void unmount(SimState.DatasetState ds) throws IOException {
        if (!ds.mounted()) {
            return;
        }
        Path real = m.hostFs().resolve(ds.mountedAt);
        moveEntries(real, stash(ds), otherMountPoints(real));
        leaveMountPoint(ds, real);
    }

    /** Unmount and mount again below a new mount point, with every descendant that inherits it. */
    void remount(SimState.DatasetState ds, Runnable change) throws IOException {
        List<SimState.DatasetState> affected = tree(ds, Integer.MAX_VALUE).stream().filter(d -> !d.snapshot).toList();
        for (int i = affected.size() - 1; i >= 0; i--) {
            unmount(affected.get(i));
        }
        change.run();
        for (SimState.DatasetState d : affected) {
            mount(d);
        }
    }

    private void leaveMountPoint(SimState.DatasetState ds, Path real) throws IOException {
        moveEntries(shadow(ds), real, Set.of());
        Trees.delete(shadow(ds));
        ds.mountedAt = null;
        // libzfs remove_mountpoint(): the directory goes if it is empty
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(real)) {
            if (!entries.iterator().hasNext()) {
                entries.close();
                Files.delete(real);
            }
        } catch (java.nio.file.NoSuchFileException ignored) {
            // already gone
        }
    }

    /** Whether a jail runs in the file system or something is mounted in it (it cannot be unmounted). */
    boolean busy(SimState.DatasetState ds) throws IOException {
        if (!ds.mounted()) {
            return false;
        }
        Path real = m.hostFs().resolve(ds.mountedAt);
        for (SimState.MountState mount : m.state().mounts) {
            if (m.hostFs().resolve(mount.mountpoint).startsWith(real)) {
                return true;
            }
        }
        for (SimState.JailState j : m.state().jails) {
            if (m.hostFs().resolve(j.path).startsWith(real)) {
                return true;
            }
        }
        return false;
    }

    private SimState.DatasetState newDataset(String name, boolean snapshot) {
        SimState.DatasetState ds = new SimState.DatasetState();
        ds.name = name;
        ds.snapshot = snapshot;
        ds.creation = m.clock().instant().getEpochSecond();
        ds.createtxg = m.nextTxg();
        ds.guid = Long.toHexString(ds.createtxg) + "-" + Long.toHexString(System.nanoTime());
        return ds;
    }

    private void copyOwnFiles(SimState.DatasetState fs, Path to) throws IOException {
        if (fs.mounted()) {
            Path real = m.hostFs().resolve(fs.mountedAt);
            Trees.copy(real, to, otherMountPoints(real));
        } else {
            Trees.copy(stash(fs), to, Set.of());
        }
    }

    private Set<Path> otherMountPoints(Path self) throws IOException {
        Set<Path> points = new HashSet<>(MountTable.realMountPoints(m));
        points.remove(self);
        return points;
    }

    private Path stash(SimState.DatasetState ds) throws IOException {
        Path p = m.store().zfsStore().resolve(ds.guid);
        Files.createDirectories(p);
        return p;
    }

    private Path shadow(SimState.DatasetState ds) throws IOException {
        Path p = m.store().zfsStore().resolve(ds.guid + ".hidden");
        Files.createDirectories(p);
        return p;
    }

    private static void moveEntries(Path from, Path to, Set<Path> skip) throws IOException {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.createDirectories(to);
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(from)) {
            s.forEach(entries::add);
        }
        for (Path e : entries) {
            if (skip.contains(e)) {
                continue;
            }
            for (Path point : skip) {
                if (point.startsWith(e)) {
                    throw new SimUnsupportedException("moving " + e + " while something is mounted below it at " + point);
                }
            }
            Files.move(e, to.resolve(e.getFileName().toString()));
        }
    }
}
