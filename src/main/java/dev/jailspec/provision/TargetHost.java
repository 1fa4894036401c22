package dev.jailspec.provision;

import dev.jailspec.config.FaultRule;
import dev.jailspec.config.Setting;
import dev.jailspec.config.Settings;
import dev.jailspec.config.Target;
import dev.jailspec.host.Host;
import dev.jailspec.host.LocalHost;
import dev.jailspec.host.ssh.Become;
import dev.jailspec.host.ssh.SshAddress;
import dev.jailspec.host.ssh.SshHost;
import dev.jailspec.host.ssh.SshOptions;
import dev.jailspec.sim.SimCpu;
import dev.jailspec.sim.SimFault;
import dev.jailspec.sim.SimFaults;
import dev.jailspec.sim.SimHost;
import dev.jailspec.sim.SimHostSpec;
import dev.jailspec.freebsd.FreebsdReleases;
import dev.jailspec.freebsd.ReleaseChange;
import dev.jailspec.freebsd.ReleaseVersion;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixturePkgbase;
import dev.jailspec.sim.fixtures.FixtureServer;
import dev.jailspec.sim.fixtures.LinuxFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host a run drives, and where its downloads come from. On {@code sim} that is a simulated
 * FreeBSD host over a directory plus an embedded loopback mirror serving generated release
 * files; on {@code local}, this FreeBSD machine, on {@code ssh://}, one over SSH, each with the configured mirror.
 */
record TargetHost(Host host, String freebsdMirror, String freebsdArchiveMirror, String linuxMirror,
                  String pkgMirror, Optional<FixtureServer> fixtureMirror,
                  Optional<Path> tempRoot, Optional<Path> scratchCache)
        implements AutoCloseable {

    /**
     * Where downloads are cached: the configured jailspec.cache, except for the embedded mirror
     * without one, whose port (and so every cached URL) changes each run: a throw-away directory
     * then, so runs on the sim do not pile up files in ~/.cache.
     */
    Path downloadCache(Settings settings) {
        return scratchCache.orElseGet(settings::cacheDir);
    }

    /** The embedded mirror's archives take a while to build (xz); a JVM that opens many sim runs builds them once. */
    private static final Map<String, FixtureArchives.FreebsdDist> FREEBSD_FIXTURES = new ConcurrentHashMap<>();

    /** The registry of targets: one factory per kind of jailspec.target (config.Target parses the name). */
    private static final Map<Class<? extends Target>, Function<Settings, TargetHost>> FACTORIES = Map.of(
            Target.Sim.class, TargetHost::openSim,
            Target.Local.class, settings -> real(new LocalHost(), settings),
            Target.Ssh.class, TargetHost::openSsh);

    static TargetHost open(Settings settings) {
        Target target = settings.target();
        Function<Settings, TargetHost> factory = FACTORIES.get(target.getClass());
        if (factory == null) {
            throw new ProvisionException("no way to open target '" + target + "' is registered; use " + Target.ALLOWED);
        }
        return factory.apply(settings);
    }

    /** A real host, once it has said itself that it is FreeBSD (uname -s), before the run's lock or reaper touch it. */
    private static TargetHost real(Host host, Settings settings) {
        try {
            Preflight.requireFreebsd(host, settings.target().toString());
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        return new TargetHost(host, settings.freebsdMirror(), settings.freebsdArchiveMirror(),
                linuxUserland(settings).mirror(), settings.freebsdPkgMirror(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The simulated host the settings describe: its release, pool and bridge. */
    static SimHostSpec simSpec(Settings settings) {
        return SimHostSpec.defaults()
                .withRelease(settings.simRelease())
                .withPools(List.of(settings.pool()))
                .withInterfaces(List.of("igc0", settings.bridge(), "lo0"))
                .withCpu(SimCpu.of(settings.get(Setting.SIM_CPU)));
    }

    private static TargetHost openSsh(Settings settings) {
        SshOptions home = SshOptions.ofUserHome(Path.of(System.getProperty("user.home")));
        SshOptions options = home
                .withKnownHosts(home.knownHosts(), SshOptions.HostKeyPolicy.parse(settings.get(Setting.SSH_KNOWN_HOSTS)))
                .withBecome(Become.parse(settings.get(Setting.SSH_BECOME)))
                // ssh(1) offers the agent's keys when SSH_AUTH_SOCK is set; so does jailspec.
                .withAgent(Optional.ofNullable(System.getenv("SSH_AUTH_SOCK")).filter(s -> !s.isEmpty()).map(Path::of));
        return real(SshHost.open(SshAddress.parse(settings.target().toString()), options), settings);
    }

    private static TargetHost openSim(Settings settings) {
        Optional<Path> temp = settings.simRoot().isPresent() ? Optional.empty() : Optional.of(createTempDir("jailspec-sim-"));
        Path root = settings.simRoot().orElseGet(temp::get);
        SimHost sim = SimHost.create(root, simSpec(settings), settings.clock()).withFaults(simFaults(settings.simFaults()))
                .withDying(settings.simDying());
        String freebsdMirror = settings.freebsdMirror();
        String archiveMirror = settings.freebsdArchiveMirror();
        Settings.LinuxUserlandSettings linux = linuxUserland(settings);
        String linuxMirror = linux.mirror();
        String pkgMirror = settings.freebsdPkgMirror();
        Optional<FixtureServer> server = Optional.empty();
        if (freebsdMirror.isEmpty() || archiveMirror.isEmpty() || linuxMirror.isEmpty() || pkgMirror.isEmpty()) {
            FixtureArchives.FreebsdDist dist = FREEBSD_FIXTURES.computeIfAbsent(settings.freebsdRelease(),
                    FixtureArchives::freebsd);
            FixtureServer started = FixtureServer.start();
            // As on download.freebsd.org: a release past its end of life is only in the archive.
            if (ReleaseSupport.of(settings).isPastEndOfLife(settings.freebsdRelease())) {
                started.serveFreebsdArchived(dist);
            } else {
                started.serveFreebsd(dist);
            }
            servePkgbase(started, settings.freebsdRelease());
            String linuxPath;
            try {
                linuxPath = LinuxFixtures.serve(started, linux.distribution(), linux.release(), linux.simFormat());
            } catch (RuntimeException e) {
                started.close();
                sim.close();
                temp.ifPresent(TargetHost::deleteTree);
                throw e;
            }
            server = Optional.of(started);
            freebsdMirror = freebsdMirror.isEmpty() ? started.url("/ftp").toString() : freebsdMirror;
            archiveMirror = archiveMirror.isEmpty() ? started.url(FixtureServer.ARCHIVE_ROOT).toString() : archiveMirror;
            linuxMirror = linuxMirror.isEmpty() ? started.url(linuxPath).toString() : linuxMirror;
            pkgMirror = pkgMirror.isEmpty() ? started.url(FixtureServer.PKG_ROOT).toString() : pkgMirror;
        }
        Optional<Path> scratch = server.isPresent() && settings.get(Setting.CACHE_DIR).isEmpty()
                ? Optional.of(createTempDir("jailspec-downloads-")) : Optional.empty();
        return new TargetHost(sim, freebsdMirror, archiveMirror, linuxMirror, pkgMirror, server, temp, scratch);
    }

    /**
     * A release from 15.0 on also has its FreeBSD-base repository on the embedded mirror, its packages at
     * the newest patch level the catalogue knows (none known: the release as it shipped).
     */
    private static void servePkgbase(FixtureServer server, String release) {
        if (ReleaseVersion.parse(release).compareTo(ReleaseChange.PKGBASE_REPOSITORY.since()) < 0) {
            return;
        }
        int patch = FreebsdReleases.find(release).map(r -> r.build().newestPatch().orElse(0)).orElse(0);
        server.servePkgbase(PKGBASE_FIXTURES.computeIfAbsent(release + "-p" + patch,
                k -> FixturePkgbase.repository(release, patch)));
    }

    private static final Map<String, FixturePkgbase.Repository> PKGBASE_FIXTURES = new ConcurrentHashMap<>();

    /** Lets a transport that logs in again after a dropped connection (ssh://) say so on the run's bus. */
    void reportTo(dev.jailspec.event.EventBus bus) {
        if (host instanceof SshHost ssh) {
            ssh.publishReconnectsOn(bus);
        }
    }

    /** jailspec.sim.faults as the simulator's own rules (config does not know the sim, nor the sim config). */
    static SimFaults simFaults(List<FaultRule> rules) {
        return new SimFaults(rules.stream().map(r -> new SimFault(r.prefix(), switch (r.action()) {
            case FAIL -> SimFault.Kind.FAIL;
            case EXIT -> SimFault.Kind.EXIT;
            case HANG -> SimFault.Kind.HANG;
            case STDERR -> SimFault.Kind.STDERR;
            case DYING -> SimFault.Kind.DYING;
            case LINUX_MSG -> SimFault.Kind.LINUX_MSG;
        }, r.exitCode(), r.stderr(), r.dying())).toList());
    }

    private static Settings.LinuxUserlandSettings linuxUserland(Settings settings) {
        return LinuxUserland.of(settings).settings();
    }

    private static Path createTempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory " + prefix + "* for the simulated host", e);
        }
    }

    @Override
    public void close() {
        host.close();
        fixtureMirror.ifPresent(FixtureServer::close);
        tempRoot.ifPresent(TargetHost::deleteTree);
        scratchCache.ifPresent(TargetHost::deleteTree);
    }

    /** Removes a temporary directory of the simulator; a leftover one is only reported. */
    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; say so rather than fail the run.
            System.err.println("jailspec: could not remove the simulated host's directory " + root + ": " + e.getMessage());
        }
    }
}
