package dev.jailspec.provision;

import dev.jailspec.artifact.Downloader;
import dev.jailspec.config.Settings;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.SettingsResolved;
import dev.jailspec.host.Host;
import dev.jailspec.host.ObservedHost;
import java.net.URI;

/**
 * One run against one target: the settings, the names derived from them, the event bus, and the
 * target host, opened once and closed after the last scenario.
 */
public final class JailspecRun implements AutoCloseable {
    private final Settings settings;
    private final Layout layout;
    private final EventBus bus;
    private final String runId;
    private final TargetHost target;
    private final Host host;
    private final Downloader downloader;

    private JailspecRun(Settings settings, EventBus bus, String runId, TargetHost target) {
        this.settings = settings;
        this.layout = Layout.of(settings);
        this.bus = bus;
        this.runId = runId;
        this.target = target;
        this.host = new ObservedHost(target.host(), bus);
        this.downloader = new Downloader(settings.cacheDir(), bus);
    }

    /** Reports the settings, then opens the target; a real target is only ever opened when asked for. */
    public static JailspecRun open(Settings settings, EventBus bus, String runId) {
        bus.publish(new SettingsResolved(bus.now(), settings.asMap(), settings.sourcesByKey()));
        return new JailspecRun(settings, bus, runId, TargetHost.open(settings));
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

    /** The mirror directory of the release under test, e.g. {@code .../releases/amd64/amd64/14.3-RELEASE/}. */
    public URI freebsdReleaseDir() {
        String mirror = target.freebsdMirror().replaceAll("/+$", "");
        return URI.create(mirror + "/releases/amd64/amd64/" + layout.release() + "/");
    }

    ProvisionStep baseSystemInstaller(Host on) {
        return new InstallBaseSystem(on, layout, downloader, freebsdReleaseDir());
    }

    @Override
    public void close() {
        host.close();
        target.close();
    }
}
