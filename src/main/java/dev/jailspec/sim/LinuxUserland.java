package dev.jailspec.sim;

import dev.jailspec.artifact.OsRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Linux userland root (a Rocky Linux tree extracted under a FreeBSD host or jail) as
 * chroot(8) and programs inside it see it: the few Rocky programs the harness runs, each
 * simulated only where its file exists in the tree, and only while linux64.ko is loaded
 * (freebsd-facts 3.1, 3.2). Their state lives in files of the tree, so it persists with it:
 * the package list in {@value #PACKAGE_DB} (one {@code name-version-release.arch} per line,
 * written by the fixture and by dnf), the repositories in {@code /etc/yum.repos.d/*.repo}.
 *
 * <p>Entry point for other programs (jexec NAME chroot /compat/rocky ..., via {@link ChrootTool}):
 * {@link #exec}.
 */
final class LinuxUserland {
    static final String PACKAGE_DB = "/var/lib/rpm/jailspec-sim-packages";

    /** execve(2) failed: the text is strerror of its errno. */
    static final class ExecError extends Exception {
        ExecError(String strerror) {
            super(strerror);
        }
    }

    private static final ToolTable PROGRAMS = new ToolTable(List.of(
            new RockyBash(), new RockyCat(), new RockyTest(), new RockyGetent(), new RockyRpm(), new RockyDnf(),
            new RockyCrb(), new RockyUname(), new RockyPython3()));

    private LinuxUserland() {
    }

    /** True when the root's os-release names a Linux distribution. */
    static boolean isLinuxRoot(SimFileSystem fs) throws IOException {
        return osRelease(fs).map(m -> !m.getOrDefault("ID", "").isEmpty() && !m.get("ID").equals("freebsd")).orElse(false);
    }

    /** /etc/os-release (or /usr/lib/os-release) as a map, parsed as the harness parses it (artifact.OsRelease). */
    static Optional<Map<String, String>> osRelease(SimFileSystem fs) throws IOException {
        for (String f : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
            try {
                if (fs.isRegularFile(f)) {
                    return Optional.of(OsRelease.parse(fs.readText(f)).fields());
                }
            } catch (SimPathException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * execvp(3) of {@code argv} in the Linux root of {@code ctx}, searching {@code path} for a
     * name without '/'. Runs the simulated program and returns its status.
     *
     * @throws ExecError ENOENT when there is no such file, ENOEXEC when linux64.ko is not loaded
     */
    static int exec(SimContext ctx, List<String> argv, Output out, byte[] stdin, String cwd, List<String> path)
            throws IOException, ExecError {
        Optional<Integer> injected = ctx.machine().faults().apply(argv, out);
        if (injected.isPresent()) {
            return injected.get();
        }
        String program = argv.get(0);
        String found = find(ctx.fs(), program, cwd, path);
        if (found == null) {
            throw new ExecError(Errno.ENOENT);
        }
        if (!Kld.linux64(ctx.machine().state())) {
            // No brand handler for Linux ELF: the kernel says ENOEXEC (and execvp's /bin/sh retry is a Linux ELF too).
            throw new ExecError("Exec format error");
        }
        KernelMessages.linuxMessages(ctx, argv, ctx.machine().faults().linuxMessages(argv));
        String canonical = ctx.fs().simPath(ctx.fs().resolve(found));
        SimTool tool = PROGRAMS.byPath(canonical).orElseThrow(
                () -> new SimUnsupportedException("the Linux program " + canonical + " is not simulated"));
        return tool.run(new Invocation(program, argv.subList(1, argv.size()), ctx, out, stdin, cwd));
    }

    /** The path execvp would run, or null. */
    static String find(SimFileSystem fs, String program, String cwd, List<String> path) throws IOException {
        return ExecPath.find(program, cwd, path, abs -> isFile(fs, abs)).orElse(null);
    }

    private static boolean isFile(SimFileSystem fs, String abs) throws IOException {
        try {
            return fs.isRegularFile(abs);
        } catch (SimPathException e) {
            return false;
        }
    }

    /** Whether /etc/resolv.conf of the root names a nameserver (the userland's DNS works). */
    static boolean hasNameserver(SimFileSystem fs) throws IOException {
        if (!isFile(fs, "/etc/resolv.conf")) {
            return false;
        }
        for (String line : fs.readText("/etc/resolv.conf").split("\n")) {
            if (line.trim().matches("nameserver\\s+\\S+.*")) {
                return true;
            }
        }
        return false;
    }

    /** The installed packages ({@code name-version-release.arch}), in install order. */
    static List<String> packages(SimFileSystem fs) throws IOException {
        if (!isFile(fs, PACKAGE_DB)) {
            throw new SimUnsupportedException("an rpm database without the simulator's package list " + PACKAGE_DB);
        }
        List<String> out = new ArrayList<>();
        for (String line : fs.readText(PACKAGE_DB).split("\n")) {
            if (!line.isBlank()) {
                out.add(line.trim());
            }
        }
        return out;
    }

    static void writePackages(SimFileSystem fs, List<String> packages) throws IOException {
        fs.writeText(PACKAGE_DB, String.join("\n", packages) + "\n");
    }

    /** The name of {@code name-version-release.arch}. */
    static String nameOf(String nevra) {
        String noArch = nevra.substring(0, nevra.lastIndexOf('.'));
        String noRelease = noArch.substring(0, noArch.lastIndexOf('-'));
        return noRelease.substring(0, noRelease.lastIndexOf('-'));
    }

    static Path real(SimFileSystem fs, String abs) throws IOException {
        return fs.resolve(abs);
    }

    static boolean exists(SimFileSystem fs, String abs) throws IOException {
        try {
            return Files.exists(fs.resolve(abs));
        } catch (SimPathException e) {
            return false;
        }
    }
}
