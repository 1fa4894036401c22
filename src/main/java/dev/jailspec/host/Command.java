package dev.jailspec.host;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One program to run on a host: an argument vector, never a shell string.
 *
 * <p>Immutable; every {@code with...} method returns a copy. The kind names the timeout class
 * the command belongs to ("default", "download", "extract", "update", "dnf"), so a policy can
 * give slow tools longer without the caller picking numbers.
 */
public record Command(
        List<String> argv,
        Map<String, String> env,
        Optional<String> workingDirectory,
        Optional<byte[]> stdin,
        Duration timeout,
        String kind) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    public Command {
        Objects.requireNonNull(argv, "argv");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program name");
        }
        for (String arg : argv) {
            Objects.requireNonNull(arg, "argv element");
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument contains a NUL byte: " + argv);
            }
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        stdin = stdin.map(byte[]::clone);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        Objects.requireNonNull(kind, "kind");
    }

    public static Command of(String program, String... args) {
        var list = new java.util.ArrayList<String>(args.length + 1);
        list.add(program);
        list.addAll(List.of(args));
        return of(list);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Map.of(), Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT, "default");
    }

    public String program() {
        return argv.get(0);
    }

    public List<String> args() {
        return argv.subList(1, argv.size());
    }

    public Command withTimeout(Duration newTimeout) {
        return new Command(argv, env, workingDirectory, stdin, newTimeout, kind);
    }

    public Command withKind(String newKind) {
        return new Command(argv, env, workingDirectory, stdin, timeout, newKind);
    }

    public Command withEnv(String name, String value) {
        var copy = new LinkedHashMap<>(env);
        copy.put(name, value);
        return new Command(argv, copy, workingDirectory, stdin, timeout, kind);
    }

    public Command withWorkingDirectory(String dir) {
        return new Command(argv, env, Optional.of(dir), stdin, timeout, kind);
    }

    public Command withStdin(byte[] input) {
        return new Command(argv, env, workingDirectory, Optional.of(input), timeout, kind);
    }

    public Command withStdin(String input) {
        return withStdin(input.getBytes(StandardCharsets.UTF_8));
    }

    /** The command as a person would type it in sh(1); for messages and runbooks only. */
    public String display() {
        return ShellQuote.join(argv);
    }

    @Override
    public String toString() {
        return display();
    }

    // Arrays inside records compare by identity; commands compare by content.
    @Override
    public boolean equals(Object o) {
        return o instanceof Command c
                && argv.equals(c.argv)
                && env.equals(c.env)
                && workingDirectory.equals(c.workingDirectory)
                && java.util.Arrays.equals(stdin.orElse(null), c.stdin.orElse(null))
                && timeout.equals(c.timeout)
                && kind.equals(c.kind);
    }

    @Override
    public int hashCode() {
        return Objects.hash(argv, env, workingDirectory, timeout, kind);
    }
}
