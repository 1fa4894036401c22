package dev.jailspec.sim;

import com.sun.net.httpserver.HttpServer;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.sim.DnfPackageUniverse.Pkg;
import dev.jailspec.sim.DnfRepoFiles.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real DNF 4 into a scratch root, for {@link RealDnfDifferentialTest}: RPMs built with rpmbuild
 * from one-line specs, one createrepo_c repository a repository id, served on loopback by the
 * JDK's HTTP server, the old versions installed with rpm --root, dnf run with a repository file
 * of ours in the root.
 */
final class RealDnf implements AutoCloseable {
    /** Plugins Debian's dnf-plugins-core enables that a Rocky 9 userland does not have. */
    static final List<String> DEBIAN_ONLY_PLUGINS = List.of("local", "show-leaves");
    private static final List<String> TOOLS = List.of("dnf", "rpm", "rpmbuild", "createrepo_c");
    private static final Path CONFIG_MANAGER_PLUGIN = Path.of("/usr/lib/python3/dist-packages/dnf-plugins/config_manager.py");

    private final Path work;
    private final Path root;
    private final HttpServer server;

    private RealDnf(Path work, HttpServer server) {
        this.work = work;
        this.root = work.resolve("root");
        this.server = server;
    }

    static List<String> missingTools() {
        List<String> path = List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"));
        List<String> missing = new ArrayList<>(
                TOOLS.stream().filter(t -> path.stream().noneMatch(d -> Files.isExecutable(Path.of(d, t)))).toList());
        if (!Files.isRegularFile(CONFIG_MANAGER_PLUGIN)) {
            missing.add("dnf-plugins-core (" + CONFIG_MANAGER_PLUGIN + ")");
        }
        return missing;
    }

    /**
     * Builds {@code available} into one repository per repository id of {@code repos} (empty for
     * the others), installs {@code installed} into the root, writes the repository file.
     */
    static RealDnf start(Path work, List<Repo> repos, List<Pkg> installed, List<Pkg> available) throws IOException {
        Path served = work.resolve("repos");
        for (Repo r : repos) {
            Files.createDirectories(served.resolve(r.id));
        }
        for (Pkg p : available) {
            build(work, p, served.resolve(p.repo()));
        }
        for (Repo r : repos) {
            exec(work, List.of("createrepo_c", "-q", served.resolve(r.id).toString()));
        }
        Path old = work.resolve("installed");
        Files.createDirectories(old);
        List<String> rpmInstall = new ArrayList<>(List.of("rpm", "--root", work.resolve("root").toString(), "-i", "--nodeps"));
        for (Pkg p : installed) {
            rpmInstall.add(build(work, p, old).toString());
        }
        Files.createDirectories(work.resolve("root/etc/yum.repos.d"));
        check(exec(work, List.of("rpm", "--root", work.resolve("root").toString(), "--initdb")));
        check(exec(work, rpmInstall));

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            Path f = served.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
            if (f.startsWith(served) && Files.isRegularFile(f)) {
                byte[] body = Files.readAllBytes(f);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } else {
                ex.sendResponseHeaders(404, -1);
            }
            ex.close();
        });
        server.start();
        StringBuilder file = new StringBuilder();
        for (Repo r : repos) {
            file.append('[').append(r.id).append("]\nname=").append(r.displayName())
                    .append("\nbaseurl=http://127.0.0.1:").append(server.getAddress().getPort()).append('/').append(r.id)
                    .append("/\ngpgcheck=0\nenabled=").append(r.enabled ? 1 : 0).append("\nmetadata_expire=6h\n\n");
        }
        Files.writeString(work.resolve("root/etc/yum.repos.d/rocky.repo"), file);
        return new RealDnf(work, server);
    }

    /** rpmbuild -bb of a spec with no files: name, version, release, arch, provides, requires. */
    private static Path build(Path work, Pkg p, Path into) throws IOException {
        int dash = p.evr().lastIndexOf('-');
        StringBuilder spec = new StringBuilder()
                .append("Name: ").append(p.name()).append("\nVersion: ").append(p.evr(), 0, dash)
                .append("\nRelease: ").append(p.evr().substring(dash + 1)).append("\nSummary: jailspec test package ")
                .append(p.name()).append("\nLicense: MIT\nBuildArch: ").append(p.arch()).append('\n');
        p.provides().forEach(x -> spec.append("Provides: ").append(x).append('\n'));
        p.requires().forEach(x -> spec.append("Requires: ").append(x).append('\n'));
        spec.append("%description\njailspec test package\n%files\n");
        Path top = work.resolve("rpmbuild");
        Files.createDirectories(top);
        Path specFile = top.resolve(p.name() + "-" + p.evr() + ".spec");
        Files.writeString(specFile, spec);
        check(exec(work, List.of("rpmbuild", "-bb", "--quiet", "--define", "_topdir " + top, "--define", "_rpmdir " + into,
                "--define", "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm", "--target", p.arch(),
                specFile.toString())));
        return into.resolve(p.nevra() + ".rpm");
    }

    /** A Pkg for an installed NEVRA (name-version-release.arch). */
    static Pkg pkgOf(String nevra) {
        String name = LinuxUserland.nameOf(nevra);
        String rest = nevra.substring(name.length() + 1);
        int dot = rest.lastIndexOf('.');
        return new Pkg(name, rest.substring(0, dot), rest.substring(dot + 1), "@System", "", List.of(), List.of());
    }

    /** A Pkg for one row of dnf's transaction table: name, arch, version, repository, size. */
    static Pkg rowOf(String row) {
        String[] f = row.strip().split("\\s+");
        return new Pkg(f[0], f[2], f[1], f[3], f[4] + " " + f[5], List.of(), List.of());
    }

    /** {@code dnf ...} or {@code rpm ...} of the scratch root, LC_ALL=C.UTF-8, no tty. */
    CommandResult run(List<String> argv) {
        List<String> full = new ArrayList<>();
        full.add(argv.get(0));
        if (argv.get(0).equals("dnf")) {
            full.addAll(List.of("--installroot", root.toString(), "--setopt=reposdir=" + root.resolve("etc/yum.repos.d"),
                    "--setopt=cachedir=" + work.resolve("cache"), "--releasever", "9", "--nogpgcheck",
                    "--disableplugin=" + String.join(",", DEBIAN_ONLY_PLUGINS)));
        } else {
            full.addAll(List.of("--root", root.toString()));
        }
        full.addAll(argv.subList(1, argv.size()));
        try {
            return exec(work, full);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CommandResult exec(Path work, List<String> argv) throws IOException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process proc = pb.start();
        try {
            if (!proc.waitFor(60, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new IllegalStateException("timed out after 60 s: " + argv);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new CommandResult(Command.of(argv), proc.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), Duration.ZERO);
    }

    private static void check(CommandResult r) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(r.command() + " exited " + r.exitCode() + ": " + r.stderr() + r.stdout());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
