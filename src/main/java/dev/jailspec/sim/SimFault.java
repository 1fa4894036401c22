package dev.jailspec.sim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A fault the simulated host injects into every command whose argv, joined by single spaces,
 * starts with {@code prefix}; the program's name may be written without its directory, so
 * {@code ifconfig epair253 create} also matches jail(8)'s {@code /sbin/ifconfig epair253 create up}.
 *
 * <ul>
 *   <li>{@link Kind#FAIL}: exit 1, stderr {@code sim: injected fault for '<prefix>'};</li>
 *   <li>{@link Kind#EXIT}: the same text, exit {@code exitCode};</li>
 *   <li>{@link Kind#STDERR}: exit 1 with {@code stderr} as the program's message;</li>
 *   <li>{@link Kind#HANG}: the command never finishes; the host kills it at its timeout and throws
 *       {@link dev.jailspec.host.CommandTimeoutException}, as {@link dev.jailspec.host.LocalHost} does;</li>
 *   <li>{@link Kind#DYING}: no program is hit; a jail removal, matched as {@code jail -r NAME},
 *       succeeds but leaves the jail dying for {@code dying} (see {@link DyingJails}).</li>
 *   <li>{@link Kind#LINUX_MSG}: a Linux program runs as usual and the kernel logs {@code stderr}
 *       as linux_msg() does (see {@link KernelMessages}).</li>
 * </ul>
 */
public record SimFault(String prefix, Kind kind, int exitCode, String stderr, Duration dying) {
    public enum Kind { FAIL, EXIT, HANG, STDERR, DYING, LINUX_MSG }

    public SimFault {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(dying, "dying");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("a fault needs a command prefix");
        }
    }

    /** A fault that takes a program's place (not {@link Kind#DYING}). */
    public SimFault(String prefix, Kind kind, int exitCode, String stderr) {
        this(prefix, kind, exitCode, stderr, Duration.ZERO);
    }

    /** Whether a program run with {@code argv} is hit. */
    public boolean matches(List<String> argv) {
        String joined = String.join(" ", argv);
        if (joined.startsWith(prefix)) {
            return true;
        }
        String program = argv.get(0);
        int slash = program.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        var bare = new java.util.ArrayList<>(argv);
        bare.set(0, program.substring(slash + 1));
        return String.join(" ", bare).startsWith(prefix);
    }

    /** The message a failed program prints. */
    String message() {
        return kind == Kind.STDERR ? stderr : "sim: injected fault for '" + prefix + "'";
    }
}
