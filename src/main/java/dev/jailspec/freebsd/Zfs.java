package dev.jailspec.freebsd;

import dev.jailspec.event.Highlight;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Typed {@code zfs(8)} operations. Names are checked by {@link ZfsNames} before anything runs;
 * a non-zero exit raises {@link dev.jailspec.host.CommandFailedException} whose message carries
 * zfs's own text, e.g. {@code cannot create 'zroot/a': dataset already exists} (freebsd-facts 1.5).
 */
public final class Zfs {
    private static final Set<String> LIST_TYPES = Set.of("filesystem", "volume", "snapshot", "bookmark", "all");

    private final Host host;

    public Zfs(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * {@code zfs create [-p] [-o k=v]... dataset}. Properties go in key order, so the command is
     * the same on every run. With {@code parents}, an existing dataset is not an error
     * (freebsd-facts 1.5). On OpenZFS 2.2 a failed mount after a successful create exits 1 with
     * {@code filesystem successfully created, but not mounted}: that raises too, and the dataset
     * then exists.
     */
    public void create(String dataset, boolean parents, Map<String, String> props) {
        ZfsNames.requireDataset(dataset);
        List<String> argv = new ArrayList<>(List.of("zfs", "create"));
        if (parents) {
            argv.add("-p");
        }
        argv.addAll(propertyOptions(props));
        argv.add(dataset);
        run(argv).orThrow();
    }

    /**
     * Whether a dataset or snapshot exists: {@code zfs list -H -o name NAME} exits 1 with
     * {@code dataset does not exist} when it does not (freebsd-facts 1.3). Any other failure raises.
     */
    public boolean exists(String name) {
        ZfsNames.requireDatasetOrSnapshot(name);
        CommandResult r = host.run(Command.probe("zfs", "list", "-H", "-o", "name", name));
        if (r.exitCode() == 1 && r.stderr().contains("dataset does not exist")) {
            return false;
        }
        r.orThrow();
        return true;
    }

    /**
     * One dataset or snapshot's row, or empty when it does not exist: the one {@code zfs list} of
     * {@link #list}, whose exit 1 with {@code dataset does not exist} (freebsd-facts 1.3) answers
     * {@link #exists} at the same time. Any other failure raises.
     */
    public java.util.Optional<ZfsDataset> find(String name) {
        ZfsNames.requireDatasetOrSnapshot(name);
        CommandResult r = host.run(listing(name, List.of("zfs", "list", "-H", "-p", "-o", ZfsListParser.COLUMNS, name)));
        if (r.exitCode() == 1 && r.stderr().contains("dataset does not exist")) {
            return java.util.Optional.empty();
        }
        List<ZfsDataset> rows = ZfsListParser.parseScripted(r.orThrow().stdout());
        if (rows.size() != 1) {
            throw new IllegalArgumentException("zfs list " + name + " printed " + rows.size() + " rows: " + r.stdout());
        }
        return java.util.Optional.of(rows.get(0));
    }

    /**
     * {@code zfs list -H -p -o name,type,used,avail,refer,mountpoint,origin [-r] [-t types] [root]}.
     *
     * @param root a dataset, or null for every dataset on the host
     * @param types any of filesystem, volume, snapshot, bookmark, all; none means zfs's default
     */
    public List<ZfsDataset> list(String root, boolean recursive, String... types) {
        if (root != null) {
            ZfsNames.requireDatasetOrSnapshot(root);
        }
        for (String t : types) {
            if (!LIST_TYPES.contains(t)) {
                throw new IllegalArgumentException("unknown zfs list type '" + t + "', expected one of " + LIST_TYPES);
            }
        }
        List<String> argv = new ArrayList<>(List.of("zfs", "list", "-H", "-p", "-o", ZfsListParser.COLUMNS));
        if (recursive) {
            argv.add("-r");
        }
        if (types.length > 0) {
            argv.add("-t");
            argv.add(String.join(",", types));
        }
        if (root != null) {
            argv.add(root);
        }
        return ZfsListParser.parseScripted(host.run(listing(root, argv)).orThrow().stdout());
    }

    /** A listing worth a table in the report, under zfs's own column names. */
    private static Command listing(String root, List<String> argv) {
        return Command.probe(argv).withHighlight(new Highlight.Table(
                "zfs list " + (root == null ? "(all datasets)" : root), List.of(ZfsListParser.COLUMNS.split(","))));
    }

    /** {@code zfs get -H -p -o name,property,value,source PROP[,PROP...] NAME}; no props means all. */
    public List<ZfsProperty> get(String name, String... props) {
        ZfsNames.requireDatasetOrSnapshot(name);
        for (String p : props) {
            ZfsNames.requireProperty(p);
        }
        String which = props.length == 0 ? "all" : String.join(",", props);
        return ZfsGetParser.parseScripted(host.run(Command.probe("zfs", "get", "-H", "-p", "-o", ZfsGetParser.COLUMNS,
                which, name)).orThrow().stdout());
    }

    /**
     * {@code zfs get -H -p -o name,property,value,source -r PROP[,PROP...] NAME}: the properties of
     * {@code name} and of everything below it, snapshots too (zfs_do_get() in cmd/zfs/zfs_main.c starts
     * from {@code types = ZFS_TYPE_DATASET | ZFS_TYPE_BOOKMARK}, snapshots included, unless {@code -t}
     * narrows it [UNVERIFIED: read in an unpinned copy, not at zfs-2.2.7]; an inapplicable property, such
     * as a snapshot's mountpoint or the origin of a dataset that is not a clone, prints {@code -} with
     * source {@code -}, freebsd-facts 1.4). Empty when {@code name} does not exist (exit 1,
     * {@code dataset does not exist}); any other failure raises.
     */
    public List<ZfsProperty> getRecursive(String name, String... props) {
        ZfsNames.requireDatasetOrSnapshot(name);
        if (props.length == 0) {
            throw new IllegalArgumentException("getRecursive needs the properties to read; all of them is not a probe worth keeping");
        }
        for (String p : props) {
            ZfsNames.requireProperty(p);
        }
        CommandResult r = host.run(Command.probe("zfs", "get", "-H", "-p", "-o", ZfsGetParser.COLUMNS, "-r",
                String.join(",", props), name));
        if (r.exitCode() == 1 && r.stderr().contains("dataset does not exist")) {
            return List.of();
        }
        return ZfsGetParser.parseScripted(r.orThrow().stdout());
    }

    /** {@code zfs set key=value dataset}; silent on success (freebsd-facts 1.4). */
    public void set(String dataset, String key, String value) {
        ZfsNames.requireDatasetOrSnapshot(dataset);
        ZfsNames.requireProperty(key);
        Objects.requireNonNull(value, "value");
        run(List.of("zfs", "set", key + "=" + value, dataset)).orThrow();
    }

    /** {@code zfs snapshot dataset@name} (freebsd-facts 1.7). */
    public void snapshot(String snapshot) {
        ZfsNames.requireSnapshot(snapshot);
        run(List.of("zfs", "snapshot", snapshot)).orThrow();
    }

    /** {@code zfs clone [-o k=v]... snapshot target} (freebsd-facts 1.7). */
    public void clone(String snapshot, String target, Map<String, String> props) {
        ZfsNames.requireSnapshot(snapshot);
        ZfsNames.requireDataset(target);
        List<String> argv = new ArrayList<>(List.of("zfs", "clone"));
        argv.addAll(propertyOptions(props));
        argv.add(snapshot);
        argv.add(target);
        run(argv).orThrow();
    }

    /**
     * {@code zfs destroy [-r|-R] name}. A whole pool is refused here: {@code zfs destroy -r
     * zroot} would take every dataset on it (freebsd-facts 1.6), which no test should do.
     */
    public void destroy(String name, DestroyMode mode) {
        tryDestroy(name, mode).orThrow();
    }

    /** {@link #destroy}, returning zfs's result instead of throwing on a failure (e.g. {@link #busy}). */
    public CommandResult tryDestroy(String name, DestroyMode mode) {
        ZfsNames.requireDatasetOrSnapshot(name);
        Objects.requireNonNull(mode, "mode");
        if (name.indexOf('/') < 0 && name.indexOf('@') < 0) {
            throw new IllegalArgumentException("refusing to destroy '" + name + "': it is a whole pool");
        }
        List<String> argv = new ArrayList<>(List.of("zfs", "destroy"));
        mode.flag().ifPresent(argv::add);
        argv.add(name);
        return run(argv);
    }

    /**
     * Whether a failed zfs command failed because a file system is busy: libzfs prints
     * {@code cannot unmount 'MOUNTPOINT': pool or dataset is busy} for EBUSY (lib/libzfs/libzfs_mount.c
     * unmount_one(): EZFS_BUSY, whose text is libzfs_util.c's), and zfs_destroy()'s EBUSY gives
     * {@code cannot destroy 'NAME': dataset is busy} (libzfs_dataset.c through zfs_standard_error_fmt(),
     * whose EBUSY case sets that text); both read at zfs-2.2.7.
     */
    public static boolean busy(CommandResult r) {
        return r.exitCode() == 1 && BUSY.matcher(r.stderr()).find();
    }

    private static final Pattern BUSY = Pattern.compile("(?m)^cannot (unmount|destroy) '[^']*': (pool or )?dataset is busy$");

    /** {@code zfs version} (freebsd-facts 1.1). */
    public ZfsVersion version() {
        return ZfsVersion.parse(host.run(Command.probe("zfs", "version")).orThrow().stdout());
    }

    private static List<String> propertyOptions(Map<String, String> props) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(Objects.requireNonNull(props, "props")).forEach((k, v) -> {
            ZfsNames.requireProperty(k);
            Objects.requireNonNull(v, () -> "value of " + k);
            out.add("-o");
            out.add(k + "=" + v);
        });
        return out;
    }

    private CommandResult run(List<String> argv) {
        return host.run(Command.of(argv));
    }
}
