package dev.jailspec.provision;

import dev.jailspec.config.Settings;
import dev.jailspec.config.SettingsLoader;
import dev.jailspec.event.EventBus;
import dev.jailspec.freebsd.JailInfo;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.sim.SimHost;
import dev.jailspec.sim.SimHostSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** Runs on a simulated host kept in a directory, for the safety tests: settings, copies, what is left. */
public final class SimRuns {
    static final List<String> KINDS = List.of("default", "jail", "extract", "update", "dnf");

    private static Path templateHost;

    private SimRuns() {
    }

    /**
     * A simulated host with the release template built and snapshotted, made once per JVM (it takes
     * a second or two); copy it with {@link #copy} rather than change it. Its downloads cache is
     * {@link #cache()}.
     */
    public static synchronized Path templateHost() {
        if (templateHost == null) {
            try {
                Path dir = Files.createTempDirectory("jailspec-template-host-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                Path root = dir.resolve("host");
                try (JailspecRun run = open(settings(root, dir.resolve("cache"), "5s"), "template")) {
                    new Provisioner(run).ensureTemplate();
                }
                templateHost = root;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return templateHost;
    }

    /** The downloads cache of {@link #templateHost()}: a run using it downloads nothing again. */
    public static Path cache() {
        return templateHost().resolveSibling("cache");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /**
     * Settings for a sim run on {@code root} with downloads cached in {@code cache}, every command
     * timeout {@code timeout} (an injected hang costs that long), and the given extra key-value pairs.
     */
    /** A day on which 14.3-RELEASE, the release these tests name, is supported (EoL 2026-06-30). */
    static final String HOW_TO_DATE = "2026-01-15";
    /** The how-to's release, on the host and in the template, unless a test asks for another. */
    static final String HOW_TO_RELEASE = "14.3-RELEASE";

    public static Settings settings(Path root, Path cache, String timeout, String... extra) {
        var p = new Properties();
        p.setProperty("jailspec.sim.root", root.toString());
        p.setProperty("jailspec.cache", cache.toString());
        p.setProperty("jailspec.lock.wait", "1s");
        // The how-to's time and release: 14.3-RELEASE is supported then. Pinned, since the sim's default
        // release follows the catalogue (15.0 on that day); a test passes "jailspec.freebsd.release", "" for the default.
        p.setProperty("jailspec.clock", HOW_TO_DATE);
        p.setProperty("jailspec.freebsd.release", HOW_TO_RELEASE);
        for (String kind : KINDS) {
            p.setProperty("jailspec.timeout." + kind, timeout);
        }
        for (int i = 0; i < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        try {
            Path noProject = Files.createDirectories(cache.resolveSibling("no-project"));
            return SettingsLoader.load(noProject, Map.of(), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JailspecRun open(Settings settings, String runId) {
        return JailspecRun.open(settings, new EventBus(), runId);
    }

    /** The same simulated host, without faults, to look at what a run left. */
    static SimHost plain(Path root) {
        // On the runs' own clock: what is still dying or past its end of life there is so here.
        return SimHost.create(root, SimHostSpec.defaults(), dev.jailspec.config.RunClock.parse(HOW_TO_DATE).orElseThrow());
    }

    static String ok(SimHost host, String... argv) {
        CommandResult r = host.run(Command.of(List.of(argv)));
        if (r.exitCode() != 0) {
            throw new AssertionError("`" + String.join(" ", argv) + "` exited " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout();
    }

    static List<JailInfo> jails(SimHost host) {
        return new Jls(host).list();
    }

    static List<String> interfaces(SimHost host) {
        return List.of(ok(host, "ifconfig", "-l").strip().split("\\s+"));
    }

    /** Copies a simulated host's directory (files, state, ZFS store); the copy is the same host. */
    public static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path src : (Iterable<Path>) paths::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isSymbolicLink(src)) {
                    Files.createSymbolicLink(dst, Files.readSymbolicLink(src));
                } else if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    /** The marked datasets and snapshots that are not meant to be kept: what a clean host has none of. */
    static List<String> markedNotKept(SimHost host) {
        Map<String, DatasetMarks.Mark> marks = new DatasetMarks(host).read("zdata", true);
        List<String> out = new ArrayList<>();
        marks.forEach((name, m) -> {
            if (!m.isJailspecs() || m.isKept()) {
                return;
            }
            boolean snapshotOfKept = m.isSnapshot()
                    && marks.getOrDefault(name.substring(0, name.indexOf('@')), m).isKept();
            if (!snapshotOfKept) {
                out.add(name + " (" + m.describe() + ")");
            }
        });
        return out;
    }
}
