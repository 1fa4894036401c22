package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every mounted file system of the host, in mount order: the mounted ZFS file systems and the
 * other mounts (devfs, nullfs, tmpfs, ... made by jail(8)).
 */
final class MountTable {

    /** One line of mount(8): device, mount point (a host path), type and options. */
    record Entry(String device, String mountpoint, String fstype, List<String> options) {
        /** mount(8)'s line, e.g. {@code devfs on /dev (devfs)}. */
        String line(String shownMountpoint) {
            List<String> words = new ArrayList<>();
            words.add(fstype);
            words.addAll(options);
            return device + " on " + shownMountpoint + " (" + String.join(", ", words) + ")";
        }
    }

    private MountTable() {
    }

    static List<Entry> entries(SimState state) {
        List<Entry> entries = new ArrayList<>();
        List<SimState.DatasetState> zfs = state.datasets.values().stream()
                .filter(SimState.DatasetState::mounted)
                .sorted(java.util.Comparator.comparingLong(d -> d.createtxg))
                .toList();
        for (SimState.DatasetState d : zfs) {
            entries.add(new Entry(d.name, d.mountedAt, "zfs", List.of("local", "nfsv4acls")));
        }
        for (SimState.MountState m : state.mounts) {
            entries.add(new Entry(m.device, m.mountpoint, m.fstype, displayOptions(m)));
        }
        return entries;
    }

    /**
     * The words mount(8) prints after the type: {@code local} for file systems that are not
     * devfs or fdescfs (as the transcripts show), {@code read-only} for ro mounts.
     */
    private static List<String> displayOptions(SimState.MountState m) {
        List<String> words = new ArrayList<>();
        if (m.options.contains("ro")) {
            words.add("read-only");
        }
        if (!m.fstype.equals("devfs") && !m.fstype.equals("fdescfs")) {
            words.add("local");
        }
        return words;
    }

    /** Real directories that something is mounted on. */
    static Set<Path> realMountPoints(SimMachine machine) throws IOException {
        Set<Path> points = new HashSet<>();
        for (Entry e : entries(machine.state())) {
            points.add(machine.hostFs().resolve(e.mountpoint()));
        }
        return points;
    }

    /** Whether a mount point lies at or below {@code realDir} (so it cannot be removed/unmounted). */
    static boolean busy(SimMachine machine, Path realDir, Set<Path> except) throws IOException {
        for (Path p : realMountPoints(machine)) {
            if (p.startsWith(realDir) && !except.contains(p)) {
                return true;
            }
        }
        for (SimState.JailState j : machine.state().jails) {
            if (machine.hostFs().resolve(j.path).startsWith(realDir)) {
                return true;
            }
        }
        return false;
    }
}
