package dev.jailspec.sim;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.CommandTimeoutException;
import dev.jailspec.host.FileStat;
import dev.jailspec.host.Host;
import dev.jailspec.host.HostException;
import dev.jailspec.host.OutputLine;
import dev.jailspec.host.TransportException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A strict simulated FreeBSD host over a real directory that stands for "/". Commands are
 * answered by small simulated programs ({@code zfs}, {@code sysrc}, {@code service jail},
 * {@code jls}, {@code jexec}, {@code ifconfig}, ...) that reject what the real program rejects,
 * with its message and exit status. What the simulation does not model throws
 * {@link SimUnsupportedException} instead of guessing.
 *
 * <p>Datasets, jails, interfaces and mounts are kept in a state file under
 * {@code /var/db/jailspec-sim}; a new SimHost over the same directory is the same host. All
 * access is serialized per root directory (and across processes with a file lock).
 */
public final class SimHost implements Host {
    private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();
    /** root's home: where an ssh session would start. */
    private static final String DEFAULT_CWD = "/root";

    private final Path realRoot;
    private final SimFileSystem fs;
    private final StateStore store;
    private final ToolTable tools;
    private final Clock clock;
    private final Object lock;
    private final SimFaults faults;
    private final Duration networkDying;

    private SimHost(Path realRoot, Clock clock, SimFaults faults, Duration networkDying) {
        this.realRoot = realRoot;
        this.fs = new SimFileSystem(realRoot);
        this.store = new StateStore(realRoot);
        this.tools = new ToolTable(Programs.all());
        this.clock = clock;
        this.lock = LOCKS.computeIfAbsent(realRoot, k -> new Object());
        this.faults = faults;
        this.networkDying = networkDying;
    }

    /** The same host (same directory, same state) with these faults injected into every command. */
    public SimHost withFaults(SimFaults newFaults) {
        return new SimHost(realRoot, clock, newFaults, networkDying);
    }

    /**
     * The same host, where a jail that made network connections stays dying this long after
     * {@code jail -r} (jailspec.sim.dying; see {@link DyingJails}).
     */
    public SimHost withDying(Duration dying) {
        return new SimHost(realRoot, clock, faults, dying);
    }

    public SimFaults faults() {
        return faults;
    }

    /**
     * Opens the simulated host in {@code root}, seeding a fresh FreeBSD tree and state from
     * {@code spec} when the directory does not hold one yet.
     */
    public static SimHost create(Path root, SimHostSpec spec) {
        return create(root, spec, Clock.systemUTC());
    }

    /** As {@link #create(Path, SimHostSpec)}, on the run's clock (dates in state, freebsd-update's end-of-life test). */
    public static SimHost create(Path root, SimHostSpec spec, Clock clock) {
        try {
            Files.createDirectories(root);
            SimHost host = new SimHost(root.toRealPath(), clock, SimFaults.NONE, DyingJails.DEFAULT_NETWORK_DYING);
            host.seedIfNew(spec);
            return host;
        } catch (IOException e) {
            throw new HostException("cannot create the simulated host in " + root + ": " + e.getMessage(), e);
        }
    }

    private void seedIfNew(SimHostSpec spec) throws IOException {
        synchronized (lock) {
            if (!store.exists()) {
                SimState state = new HostSeeder(fs, store, clock).seed(spec);
                store.save(state);
            }
            // The machine, not its state: rc.d/dmesg saves the boot messages at every boot, so a
            // kept host opened with another jailspec.sim.cpu shows that CPU.
            fs.mkdirs("/var/run");
            fs.write("/var/run/dmesg.boot", spec.cpu().dmesgBoot().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    0644);
        }
    }

    /** The real directory that stands for "/". */
    public Path root() {
        return realRoot;
    }

    @Override
    public CommandResult run(Command command, Consumer<OutputLine> lines) {
        long started = System.nanoTime();
        Output out = new Output();
        int status;
        SimFaults.Hang hang = null;
        synchronized (lock) {
            try (FileChannel channel = FileChannel.open(store.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                SimState state = store.load();
                DyingJails.freeExpired(state, clock.millis());
                SimMachine machine = new SimMachine(fs, state, store, tools, clock, faults, networkDying);
                try {
                    status = machine.runFromShell(command.argv(), out, command.stdin().orElse(null),
                            command.workingDirectory().orElse(DEFAULT_CWD));
                } catch (SimFaults.Hang h) {
                    // What ran before the hang stays done, as on a real host; the rest never happens.
                    hang = h;
                    status = -1;
                } finally {
                    store.save(state);
                }
            } catch (IOException e) {
                throw new HostException("simulated command `" + command.display() + "` failed: " + e, e);
            }
        }
        out.lines().forEach(lines);
        if (hang != null) {
            throw hung(command, started, out);
        }
        return new CommandResult(command, status, out.stdout(), out.stderr(), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * An injected hang: like LocalHost, the command is "killed" when its timeout has passed since
     * it started, and the timeout is reported with what it printed. The host is not locked meanwhile.
     */
    private static CommandTimeoutException hung(Command command, long startedNanos, Output out) {
        long deadline = startedNanos + command.timeout().toNanos();
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while running `" + command.display() + "`; it was killed", e);
        }
        List<String> printed = out.combined().lines().toList();
        String tail = String.join("\n", printed.subList(Math.max(0, printed.size() - 20), printed.size()));
        return new CommandTimeoutException(command, Duration.ofNanos(System.nanoTime() - startedNanos), tail);
    }

    @Override
    public Optional<FileStat> stat(String absolutePath) {
        synchronized (lock) {
            try {
                return FileMetadata.lstat(fs, store, absolutePath);
            } catch (IOException e) {
                throw new HostException("cannot stat " + absolutePath + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public byte[] readFile(String absolutePath) {
        synchronized (lock) {
            try {
                Path real = fs.resolve(absolutePath);
                if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                    throw new HostException("cannot read " + absolutePath + ": it is a directory");
                }
                return Files.readAllBytes(real);
            } catch (NoSuchFileException e) {
                throw new HostException("cannot read " + absolutePath + ": no such file", e);
            } catch (IOException e) {
                throw new HostException("cannot read " + absolutePath + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<String> list(String absoluteDir) {
        synchronized (lock) {
            try {
                Path real = fs.resolve(absoluteDir);
                if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                    return List.of();
                }
                try (Stream<Path> entries = Files.list(real)) {
                    return entries.map(p -> p.getFileName().toString()).sorted().toList();
                }
            } catch (IOException e) {
                throw new HostException("cannot list " + absoluteDir + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void writeFile(String absolutePath, byte[] content, int mode) {
        synchronized (lock) {
            try {
                Path real = fs.resolve(absolutePath);
                Path parent = real.getParent();
                if (parent == null || !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                    throw new HostException("cannot write " + absolutePath + ": its directory "
                            + parentOf(absolutePath) + " does not exist on " + describe());
                }
                if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                    throw new HostException("cannot write " + absolutePath + ": it is a directory");
                }
                Files.write(real, content);
                SimFileSystem.setMode(real, mode);
            } catch (IOException e) {
                throw new HostException("cannot write " + absolutePath + ": " + e.getMessage(), e);
            }
        }
    }

    private static String parentOf(String absolutePath) {
        String trimmed = absolutePath.replaceAll("/+$", "");
        int slash = trimmed.lastIndexOf('/');
        return slash <= 0 ? "/" : trimmed.substring(0, slash);
    }

    @Override
    public String describe() {
        return "sim:" + realRoot;
    }
}
