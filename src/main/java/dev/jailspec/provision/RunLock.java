package dev.jailspec.provision;

import dev.jailspec.event.HumanDuration;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run per host at a time: the lock is the directory {@value #PATH}, made with {@code mkdir}
 * (atomic: of two runs exactly one succeeds, on FreeBSD as on the sim), holding a file that names
 * the holder: run id, the JVM's pid and machine, when it took the lock. A second run polls for a
 * bounded time ({@code jailspec.lock.wait}), then fails naming the holder.
 *
 * <p>Why not lockf(1): it holds its lock only while its child command runs, so a run-long lock
 * would need a child process kept alive beside the JVM; a JVM killed with SIGKILL leaves that
 * child, and so the lock, behind just the same. A lock directory survives a crash too, but says
 * who held it: when the holder's JVM ran on this machine and its process is gone, the lock is
 * stale and is taken over (the reaper then removes what that run left). Elsewhere it is left to a
 * person, with the command to remove it.
 */
final class RunLock {
    static final String PATH = "/var/run/jailspec.lock";
    static final String HOLDER = PATH + "/holder";
    private static final Duration POLL = Duration.ofMillis(200);

    /** Who holds the lock, as written in {@value #HOLDER}. */
    record Holder(String runId, long pid, String machine, String jvmStart, String since) {
        static Optional<Holder> parse(String text) {
            Map<String, String> kv = new LinkedHashMap<>();
            text.lines().filter(l -> !l.startsWith("#") && l.contains("="))
                    .forEach(l -> kv.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
            if (!kv.containsKey("run") || !kv.getOrDefault("pid", "").matches("\\d+")) {
                return Optional.empty();
            }
            return Optional.of(new Holder(kv.get("run"), Long.parseLong(kv.get("pid")), kv.getOrDefault("machine", "?"),
                    kv.getOrDefault("jvm-start", ""), kv.getOrDefault("since", "?")));
        }

        String render() {
            return JailConfTemplate.markLine(runId) + "\nrun=" + runId + "\npid=" + pid + "\nmachine=" + machine
                    + "\njvm-start=" + jvmStart + "\nsince=" + since + "\n";
        }

        /** Its JVM ran on this machine and is no longer there (or the pid now belongs to a younger process). */
        boolean isStale() {
            if (!machine.equals(thisMachine())) {
                return false;
            }
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return true;
            }
            Optional<String> started = p.get().info().startInstant().map(Instant::toString);
            return !jvmStart.isEmpty() && started.isPresent() && !started.get().equals(jvmStart);
        }

        String describe() {
            return "run " + runId + " (pid " + pid + " on " + machine + ", since " + since + ")";
        }
    }

    private final Host host;
    private final String runId;
    private final EventBus bus;
    private volatile boolean held;

    RunLock(Host host, String runId, EventBus bus) {
        this.host = host;
        this.runId = runId;
        this.bus = bus;
    }

    /** Takes the lock, waiting up to {@code wait} for another run to release it; throws naming the holder. */
    void acquire(Duration wait) {
        var lastSeen = new AtomicReference<String>("a run that has not written " + HOLDER + " (yet)");
        boolean taken;
        try {
            taken = new Waits(bus).untilTrue("the jailspec lock " + PATH + " on " + host.describe(), wait, POLL,
                    () -> tryAcquire(lastSeen));
        } catch (RuntimeException e) {
            throw new ProvisionException("taking the jailspec lock " + PATH + " failed: " + e.getMessage(), e);
        }
        if (!taken) {
            throw new ProvisionException("another jailspec run holds the lock " + PATH + " on " + host.describe() + ": "
                    + lastSeen.get() + "; waited " + HumanDuration.of(wait) + " (jailspec.lock.wait). Wait for it to"
                    + " finish; if that run is gone, remove the lock by hand (rm -r " + PATH + ") and run again:"
                    + " the reaper removes what it left");
        }
    }

    private boolean tryAcquire(AtomicReference<String> lastSeen) {
        if (mkdir()) {
            return true;
        }
        Optional<Holder> holder = readHolder();
        holder.ifPresent(h -> lastSeen.set(h.describe()));
        if (holder.isPresent() && holder.get().isStale()) {
            bus.publish(new Note(bus.now(), "lock: " + holder.get().describe() + " is gone; taking over " + PATH
                    + " (the reaper removes what it left)"));
            host.run(Command.of("rm", "-rf", PATH)).orThrow();
            return mkdir();
        }
        return false;
    }

    /** {@code mkdir PATH}; true when this run made it (and now holds the lock), false when it exists. */
    private boolean mkdir() {
        CommandResult r = host.run(Command.of("mkdir", PATH));
        if (r.exitCode() != 0 && r.stderr().contains("File exists")) {
            return false;
        }
        r.orThrow();
        ProcessHandle self = ProcessHandle.current();
        var me = new Holder(runId, self.pid(), thisMachine(),
                self.info().startInstant().map(Instant::toString).orElse(""), Instant.now().toString());
        host.writeFile(HOLDER, me.render().getBytes(StandardCharsets.UTF_8), 0644);
        held = true;
        return true;
    }

    private Optional<Holder> readHolder() {
        try {
            return host.stat(HOLDER).isPresent() ? Holder.parse(host.readText(HOLDER)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Removes the lock if this run holds it; never throws (it runs at close and at JVM shutdown). */
    void release() {
        if (!held) {
            return;
        }
        held = false;
        try {
            Optional<Holder> holder = readHolder();
            if (holder.isPresent() && !holder.get().runId().equals(runId)) {
                bus.publish(new Note(bus.now(), "lock: " + PATH + " now belongs to " + holder.get().describe()
                        + "; left alone"));
                return;
            }
            host.run(Command.of("rm", "-rf", PATH)).orThrow();
        } catch (RuntimeException e) {
            bus.publish(new Note(bus.now(), "lock: could not remove " + PATH + ": " + e.getMessage()
                    + "; remove it by hand (rm -r " + PATH + ")"));
        }
    }

    boolean isHeld() {
        return held;
    }

    private static volatile String machine;

    static String thisMachine() {
        if (machine == null) {
            String name;
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                name = "localhost";
            }
            machine = name;
        }
        return machine;
    }
}
