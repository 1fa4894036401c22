package dev.jailspec.host;

import dev.jailspec.event.CommandIntent;
import dev.jailspec.event.CommandKind;
import dev.jailspec.event.Highlight;
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
 * <p>Immutable; every {@code with...} method returns a copy. The {@link CommandIntent} is what the
 * typed tool that builds the command knows of it: its {@link CommandKind} (the timeout class, so a
 * policy can give slow tools longer without the caller picking numbers), whether it only reads
 * state, and what of its output the report should highlight. {@code nesting} is set by a jail or
 * chroot view that put its prefix in front of the argv the caller wrote.
 */
public record Command(
        List<String> argv,
        Map<String, String> env,
        Optional<String> workingDirectory,
        Optional<byte[]> stdin,
        Duration timeout,
        CommandIntent intent,
        Optional<Nesting> nesting) {

    /** The argv as the caller wrote it, and the views it runs in from outside in ("jail lrdev", "chroot DIR"). */
    public record Nesting(List<String> innerArgv, List<String> within) {
        public Nesting {
            innerArgv = List.copyOf(innerArgv);
            within = List.copyOf(within);
        }
    }

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
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(nesting, "nesting");
    }

    public static Command of(String program, String... args) {
        var list = new java.util.ArrayList<String>(args.length + 1);
        list.add(program);
        list.addAll(List.of(args));
        return of(list);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Map.of(), Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT, CommandIntent.CHANGE,
                Optional.empty());
    }

    public CommandKind kind() {
        return intent.kind();
    }

    /** Whether the command only reads state (said by the tool that built it; unknown counts as a change). */
    public boolean readOnly() {
        return intent.readOnly();
    }

    /** The argv as the caller wrote it, before any jail or chroot prefix. */
    public List<String> innerArgv() {
        return nesting.map(Nesting::innerArgv).orElse(argv);
    }

    /** The views the command runs in, from outside in; empty on the host itself. */
    public List<String> within() {
        return nesting.map(Nesting::within).orElse(List.of());
    }

    /** A command that only reads state (a probe), as the typed tool that builds it knows. */
    public static Command probe(String program, String... args) {
        return of(program, args).readingOnly();
    }

    /** {@link #probe(String, String...)} of an argv. */
    public static Command probe(List<String> argv) {
        return of(argv).readingOnly();
    }

    public String program() {
        return argv.get(0);
    }

    public List<String> args() {
        return argv.subList(1, argv.size());
    }

    public Command withTimeout(Duration newTimeout) {
        return new Command(argv, env, workingDirectory, stdin, newTimeout, intent, nesting);
    }

    public Command withKind(CommandKind newKind) {
        return withIntent(intent.withKind(newKind));
    }

    /** Marks the command as one that only reads state (a probe). */
    public Command readingOnly() {
        return withIntent(intent.withReadOnly(true));
    }

    public Command withHighlight(Highlight highlight) {
        return withIntent(intent.withHighlight(highlight));
    }

    public Command withIntent(CommandIntent newIntent) {
        return new Command(argv, env, workingDirectory, stdin, timeout, newIntent, nesting);
    }

    /**
     * This command run through {@code prefix} (e.g. {@code jexec lrdev}) in the views {@code within}
     * (outside in); what the caller wrote stays {@link #innerArgv()}.
     */
    public Command nestedIn(List<String> prefix, List<String> views) {
        var outer = new java.util.ArrayList<>(prefix);
        outer.addAll(argv);
        var allViews = new java.util.ArrayList<>(views);
        allViews.addAll(within());
        return new Command(outer, env, workingDirectory, stdin, timeout, intent,
                Optional.of(new Nesting(innerArgv(), allViews)));
    }

    public Command withEnv(String name, String value) {
        var copy = new LinkedHashMap<>(env);
        copy.put(name, value);
        return new Command(argv, copy, workingDirectory, stdin, timeout, intent, nesting);
    }

    public Command withWorkingDirectory(String dir) {
        return new Command(argv, env, Optional.of(dir), stdin, timeout, intent, nesting);
    }

    public Command withStdin(byte[] input) {
        return new Command(argv, env, workingDirectory, Optional.of(input), timeout, intent, nesting);
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
                && intent.equals(c.intent)
                && nesting.equals(c.nesting);
    }

    @Override
    public int hashCode() {
        return Objects.hash(argv, env, workingDirectory, timeout, intent, nesting);
    }
}
