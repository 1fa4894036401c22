package dev.jailspec.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Writes every command a transport runs, with its stdout, stderr and exit status, as a
 * {@link Transcript} file in {@code dir} ({@code 0001-zfs.txt}, {@code 0002-jls.txt}, ... in the
 * order they ran, named after the program the caller ran, inside any jail or chroot), so a run on
 * a real host hands back what the host really printed ({@code jailspec.record=DIR}). A command's own
 * variables come first on its line as {@code env K=V}, as in the runbook; a command that timed out
 * is recorded without an exit status. Files the harness writes take their place in the sequence as
 * {@code NNNN-write.txt} (a {@value #WROTE} header line, then the text: jailspec's own files, such as
 * the jail's jail.conf), a local file copied to the host as {@code NNNN-copy.txt} (its path, size and
 * sha256 only: a bundle holds no image). {@code host.txt} says what the recording is of.
 */
public final class RecordingHost extends ForwardingHost {
    /** First line of a {@code NNNN-write.txt}: {@code # wrote PATH mode 0644}. */
    public static final String WROTE = "# wrote ";
    /** First line of a {@code NNNN-copy.txt}: {@code # copied LOCAL to PATH mode 0644 sha256 HEX}. */
    public static final String COPIED = "# copied ";
    /** Last line of a command that outlived its timeout: it has no exit status. */
    public static final String TIMED_OUT = "# timed out after ";

    private final Path dir;
    private final AtomicInteger seq = new AtomicInteger();

    public RecordingHost(Host transport, Path dir) {
        super(transport);
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the transcript directory " + dir + " (jailspec.record)", e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public CommandResult run(Command command, Consumer<OutputLine> lines) {
        int n = seq.incrementAndGet();
        List<String> line = withEnv(command);
        try {
            CommandResult result = super.run(command, lines);
            write(n, command, Transcript.of(line, result).render());
            return result;
        } catch (CommandTimeoutException e) {
            write(n, command, "$ " + ShellQuote.join(line) + "\n" + TIMED_OUT + command.timeout().toMillis()
                    + " ms and killed: no exit status\n");
            throw e;
        }
    }

    @Override
    public void writeFile(String absolutePath, byte[] content, int mode) {
        super.writeFile(absolutePath, content, mode);
        write(seq.incrementAndGet(), "write", String.format("%s%s mode %04o%n", WROTE, absolutePath, mode)
                + new String(content, StandardCharsets.UTF_8));
    }

    @Override
    public void upload(Path localFile, String absolutePath, int mode) {
        super.upload(localFile, absolutePath, mode);
        write(seq.incrementAndGet(), "copy", String.format("%s%s to %s mode %04o sha256 %s%n", COPIED,
                localFile.toAbsolutePath(), absolutePath, mode, sha256(localFile)));
    }

    /** Adds a line to {@code host.txt}: what the recording is of (target, versions, run id). */
    public void describe(String line) {
        append("host.txt", line);
    }

    private static List<String> withEnv(Command command) {
        if (command.env().isEmpty()) {
            return command.argv();
        }
        var line = new ArrayList<String>(List.of("env"));
        new java.util.TreeMap<>(command.env()).forEach((k, v) -> line.add(k + "=" + v));
        line.addAll(command.argv());
        return line;
    }

    private void write(int n, Command command, String text) {
        write(n, Path.of(command.innerArgv().get(0)).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_"), text);
    }

    private void write(int n, String label, String text) {
        Path file = dir.resolve(String.format("%04d-%s.txt", n, label));
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the transcript " + file + " (jailspec.record)", e);
        }
    }

    private static String sha256(Path file) {
        try (var in = Files.newInputStream(file)) {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                digest.update(buf, 0, r);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to record its sha256 (jailspec.record)", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private synchronized void append(String name, String line) {
        try {
            Files.writeString(dir.resolve(name), line + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name) + " (jailspec.record)", e);
        }
    }
}
