package dev.jailspec.provision;

import dev.jailspec.artifact.Downloader;
import dev.jailspec.config.Settings;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.HostFactsResolved;
import dev.jailspec.event.JailKept;
import dev.jailspec.event.JailShared;
import dev.jailspec.event.Note;
import dev.jailspec.event.SettingsResolved;
import dev.jailspec.freebsd.FreebsdVersion;
import dev.jailspec.freebsd.FreebsdVersions;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.freebsd.ZfsVersion;
import dev.jailspec.host.Host;
import dev.jailspec.linux.ImageSource;
import dev.jailspec.host.ObservedHost;
import dev.jailspec.host.RecordingHost;
import dev.jailspec.host.TimedHost;
import dev.jailspec.host.TimeoutPolicy;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run against one target: the settings, the names derived from them, the event bus, and the
 * target host, opened once and closed after the last scenario.
 *
 * <p>Opening a run checks that every name lies inside the sandbox (the ZFS root and its
 * mountpoint) before any command runs, takes the host's lock (one run per host, see
 * {@link RunLock}), and lets the {@link Reaper} remove what earlier runs left. Until it is closed,
 * a JVM shutdown hook (Ctrl-C, SIGTERM) tears down the scenarios still open, as jailspec.teardown
 * says for a failed scenario, and releases the lock.
 */
public final class JailspecRun implements AutoCloseable {
    private final Settings settings;
    private final Layout layout;
    private final LinuxUserland linuxUserland;
    private final EventBus bus;
    private final String runId;
    private final TargetHost target;
    private final Host host;
    private final Downloader downloader;
    /** The Linux images this run prepared: inspected once, reused by later scenarios. */
    private final PreparedImages preparedImages = new PreparedImages();
    private final HostState hostState;
    private final RunLock lock;
    private final Set<Provisioner> openScenarios = ConcurrentHashMap.newKeySet();
    /** The jail a passed @read-only scenario left running for the next (ScenarioScope). */
    private final SharedJail sharedJail = new SharedJail();
    private JailKept keptAfterFailure;
    private final Thread shutdownHook;
    private volatile boolean closed;
    private volatile List<String> reaped = List.of();
    private boolean hostReady;
    private final Optional<RecordingHost> recorder;

    private JailspecRun(Settings settings, EventBus bus, String runId, TargetHost target) {
        this.settings = settings;
        this.layout = Layout.of(settings);
        this.linuxUserland = LinuxUserland.of(settings);
        this.bus = bus;
        this.runId = runId;
        this.target = target;
        target.reportTo(bus);
        // The timeout of each command is decided here, by its kind; the observer then reports it; a
        // recorder, when asked for, sits right on the transport and keeps what the host printed.
        this.recorder = settings.recordDir().map(dir -> new RecordingHost(target.host(), dir.toAbsolutePath()));
        Host transport = recorder.<Host>map(r -> r).orElse(target.host());
        this.host = new TimedHost(new ObservedHost(transport, bus), TimeoutPolicy.ofKeys(settings.timeouts()));
        this.downloader = target.downloader(settings, bus);
        this.lock = new RunLock(host, runId, bus);
        this.hostState = new HostState(host, layout.zfsRoot());
        bus.register(hostState);
        this.shutdownHook = new Thread(this::onShutdown, "jailspec-shutdown-" + runId);
    }

    /**
     * Reports the settings, checks the sandbox, then opens the target (a real target only ever when
     * asked for), takes its lock and reaps what earlier runs left.
     */
    public static JailspecRun open(Settings given, EventBus bus, String runId) {
        // An unknown distribution or release is a settings error before anything is opened.
        LinuxUserland linux = LinuxUserland.of(given);
        Settings resolved = RunRelease.resolve(given);
        Optional<TargetHost> opened = Optional.empty();
        if (resolved.target().isReal() && resolved.freebsdRelease().isEmpty()) {
            // The template defaults to the host's own release: ask it (uname -s, freebsd-version -u, both
            // probes) before the names, and so the sandbox check, can be derived.
            TargetHost real = TargetHost.open(resolved);
            try {
                resolved = RunRelease.fromHost(resolved, new ObservedHost(real.host(), bus));
            } catch (RuntimeException e) {
                real.close();
                throw e;
            }
            opened = Optional.of(real);
        }
        Settings settings = resolved;
        Optional<String> kind = TemplateKindCheck.problem(settings);
        if (kind.isPresent()) {
            opened.ifPresent(TargetHost::close);
            throw new dev.jailspec.config.SettingsException(kind.get());
        }
        bus.publish(new SettingsResolved(bus.now(), settings.asMap(), settings.sourcesByKey()));
        if (!linux.release().isVerified()) {
            bus.publish(new Note(bus.now(), "[UNVERIFIED] this run depends on catalogue entries no source confirmed: "
                    + linux.distribution().displayName() + " " + linux.release().version() + ": "
                    + String.join("; ", linux.release().unverified())));
        }
        RunRelease.catalogueGaps(settings).forEach(gap -> bus.publish(new Note(bus.now(), gap)));
        try {
            new Sandbox(Layout.of(settings)).requireLayoutInside();
        } catch (RuntimeException e) {
            opened.ifPresent(TargetHost::close);
            throw e;
        }
        var run = new JailspecRun(settings, bus, runId, opened.orElseGet(() -> TargetHost.open(settings)));
        try {
            run.lock.acquire(settings.lockWait());
            var executor = new UndoExecutor(run.host, run.layout, run.marks(), settings.keepHostConfig(),
                    settings.teardownDyingWait(), bus, "reaper");
            run.reaped = List.copyOf(new Reaper(run.host, run.layout, run.marks(), executor, bus).reap());
            Runtime.getRuntime().addShutdownHook(run.shutdownHook);
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /** What the reaper removed when this run started, e.g. "destroyed the dataset zdata/jails/containers/lrdev (...)". */
    public List<String> reaped() {
        return reaped;
    }

    void register(Provisioner p) {
        openScenarios.add(p);
    }

    void unregister(Provisioner p) {
        openScenarios.remove(p);
    }

    SharedJail sharedJail() {
        return sharedJail;
    }

    /** The first failed scenario's jail kept for debugging: later scenarios of the run get out of its way. */
    synchronized void keptAfterFailure(JailKept kept) {
        if (keptAfterFailure == null) {
            keptAfterFailure = kept;
        }
    }

    synchronized Optional<JailKept> keptAfterFailure() {
        return Optional.ofNullable(keptAfterFailure);
    }

    /** At the run's end: the jail the last @read-only scenario left running is torn down like a scenario's. */
    private void releaseSharedJail() {
        sharedJail.take().ifPresent(held -> {
            bus.publish(new JailShared(bus.now(), layout.jailName(), JailShared.Change.RELEASED, "(the run's end)",
                    held.scope().scenario()));
            held.provisioner().teardown();
        });
    }

    /** JVM shutdown before close(): tear down what open scenarios made (a Ctrl-C'd scenario counts as failed). */
    private void onShutdown() {
        if (closed) {
            return;
        }
        List<Provisioner> open = List.copyOf(openScenarios);
        TeardownPolicy policy = teardownPolicy();
        if (!open.isEmpty()) {
            System.err.println("jailspec: the JVM is shutting down with " + open.size() + " scenario(s) open; "
                    + (policy.tearsDown(true) ? "tearing down" : "keeping them (jailspec.teardown=" + policy.value()
                    + "); the next run's reaper removes them"));
        }
        for (Provisioner p : open) {
            if (policy.tearsDown(true)) {
                try {
                    p.teardown();
                } catch (RuntimeException e) {
                    System.err.println("jailspec: teardown at shutdown: " + e.getMessage());
                }
            }
        }
        closeQuietly();
    }

    public Settings settings() {
        return settings;
    }

    public Layout layout() {
        return layout;
    }

    public EventBus bus() {
        return bus;
    }

    public String runId() {
        return runId;
    }

    public Marks marks() {
        return new Marks(runId);
    }

    /** The observed host: every command and file write goes on the bus. */
    public Host host() {
        return host;
    }

    public TeardownPolicy teardownPolicy() {
        return TeardownPolicy.parse(settings.teardown());
    }

    /** The mirror directory of the release under test, e.g. {@code .../releases/amd64/amd64/14.5-RELEASE/}. */
    public URI freebsdReleaseDir() {
        String mirror = target.freebsdMirror().replaceAll("/+$", "");
        return URI.create(mirror + "/releases/amd64/amd64/" + layout.release() + "/");
    }

    /**
     * Where the release directory is once the release is past its end of life:
     * {@code <archive>/old-releases/amd64/amd64/<release>/} (ftp-archive.freebsd.org's layout, e.g.
     * .../old-releases/amd64/amd64/8.4-RELEASE/ in public links; [UNVERIFIED: for 14.x releases]).
     */
    public URI freebsdArchiveDir() {
        String mirror = target.freebsdArchiveMirror().replaceAll("/+$", "");
        return URI.create(mirror + "/old-releases/amd64/amd64/" + layout.release() + "/");
    }

    /** The run's clock and jailspec.freebsd.allowEol: whether the release under test may be used and patched. */
    public ReleaseSupport releaseSupport() {
        return ReleaseSupport.of(settings);
    }

    /** The Linux userland the settings choose: distribution, release (from its catalogue), its settings. */
    public LinuxUserland linuxUserland() {
        return linuxUserland;
    }

    /** Where the userland's image and checksum listing come from (the sim's embedded mirror, or the configured one). */
    public ImageSource linuxImage() {
        return linuxUserland.image(target.linuxMirror());
    }

    /** What the procedure's checks have read of the host since it last could have changed. */
    HostState hostState() {
        return hostState;
    }

    /** The FreeBSD-base repository's mirror of a pkgbase template (the sim's embedded one, or the configured one). */
    String pkgMirror() {
        return target.pkgMirror();
    }

    ProvisionStep baseSystemInstaller(Host on) {
        return new InstallBaseSystem(on, hostState, layout, downloader, new ReleaseDirs(freebsdReleaseDir(), freebsdArchiveDir()), bus);
    }

    ProvisionStep linuxUserlandInstaller(Host on) {
        return new InstallLinuxUserland(on, layout, linuxImageExtraction(on));
    }

    /** The run's Linux image on its way into a directory of {@code on}: the jail's clone or the Linux template. */
    LinuxImageExtraction linuxImageExtraction(Host on) {
        return new LinuxImageExtraction(on, layout, downloader, linuxUserland, linuxImage(), preparedImages, bus);
    }

    /** The names of the kept Linux template and of the jail's clone of it (jailspec.linux.template). */
    LinuxTemplate linuxTemplate() {
        return LinuxTemplate.of(layout, linuxUserland);
    }

    /** Checks the host once per run, before the first change; throws with what to fix. */
    /**
     * Reads the host's versions with the typed tools and publishes them once, typed, for the
     * report's environment; both are read-only probes.
     */
    public void publishHostFacts() {
        FreebsdVersions v = new FreebsdVersion(host).versions();
        ZfsVersion z = new Zfs(host).version();
        bus.publish(new HostFactsResolved(bus.now(), v.kernel().toString(), v.running().toString(),
                v.userland().toString(), z.userland(), z.kernel()));
        recorder.ifPresent(r -> {
            r.describe("run " + runId + " on target " + settings.target() + " (" + host.describe() + ")");
            r.describe("freebsd-version -kru: " + v.kernel() + " " + v.running() + " " + v.userland());
            r.describe("zfs version: " + z.userland() + " / " + z.kernel());
            // The run's clock decides what a release's freebsd-update says: a replay needs the same date.
            r.describe("clock: " + settings.clock().instant());
            bus.publish(new Note(bus.now(), "host commands are recorded as transcripts in " + r.dir()
                    + " (jailspec.record); hand that directory back as a fidelity bundle"));
        });
    }

    synchronized void requireHostReady() {
        if (!hostReady) {
            new Preflight(host, layout, releaseSupport(), linuxUserland).requireReady();
            hostReady = true;
        }
    }

    /**
     * Tears down the jail a @read-only scenario left running, releases the lock and closes the target;
     * scenarios tear themselves down before (ScenarioHooks). A failed teardown is thrown after the close.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or the hook was never added (open failed)
        }
        try {
            if (!closed) {
                releaseSharedJail();
            }
        } finally {
            closeQuietly();
        }
    }

    private synchronized void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        lock.release();
        host.close();
        target.close();
    }
}
