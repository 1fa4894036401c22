package dev.jailspec.host;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * This machine as a {@link Host}: runs argument vectors with {@link ProcessBuilder} (no shell)
 * and uses the local file system. On FreeBSD this is the real target; elsewhere it runs the
 * tests of the transport itself.
 */
public final class LocalHost implements Host {
    /** Per stream; the rest of a huge output is dropped from the result (the consumer still sees every line). */
    public static final int DEFAULT_KEPT_BYTES = 8 * 1024 * 1024;

    // After a kill, how long the readers may take to see the pipes close.
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private final int keptBytesPerStream;

    public LocalHost() {
        this(DEFAULT_KEPT_BYTES);
    }

    public LocalHost(int keptBytesPerStream) {
        this.keptBytesPerStream = keptBytesPerStream;
    }

    /**
     * Runs the command; {@code lines} is called from the reader threads, one line at a time.
     * If {@code lines} throws, later lines are no longer handed to it and the exception is
     * rethrown once the command has ended.
     */
    @Override
    public CommandResult run(Command command, Consumer<OutputLine> lines) {
        Objects.requireNonNull(lines, "lines");
        long startNanos = System.nanoTime();
        long deadline = startNanos + command.timeout().toNanos();
        Process process = start(command);

        var sink = new LineSink(lines);
        var stdout = new BoundedOutput(keptBytesPerStream);
        var stderr = new BoundedOutput(keptBytesPerStream);
        Thread outReader = daemon("stdout", process,
                new LinePump(process.getInputStream(), OutputLine.Stream.STDOUT, stdout, sink));
        Thread errReader = daemon("stderr", process,
                new LinePump(process.getErrorStream(), OutputLine.Stream.STDERR, stderr, sink));
        feedStdin(process, command);

        try {
            boolean exited = process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            // An exited program whose output is still open has left a child holding the pipe: not done yet.
            boolean finished = exited && joinUntil(deadline, outReader, errReader);
            if (!finished) {
                killTree(process);
                joinUntil(System.nanoTime() + DRAIN_GRACE.toNanos(), outReader, errReader);
                throw new CommandTimeoutException(command, Duration.ofNanos(System.nanoTime() - startNanos),
                        sink.tail());
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while running `" + command.display() + "`; it was killed", e);
        }
        sink.rethrowFailure();
        return new CommandResult(command, process.exitValue(), stdout.text(), stderr.text(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static Process start(Command command) {
        var builder = new ProcessBuilder(command.argv());
        builder.environment().putAll(command.env());
        if (command.workingDirectory().isPresent()) {
            File dir = new File(command.workingDirectory().get());
            // Checked here because ProcessBuilder reports a missing directory as a missing program.
            if (!dir.isDirectory()) {
                throw new TransportException("cannot run `" + command.display() + "`: working directory "
                        + dir + " does not exist on this host (local)");
            }
            builder.directory(dir);
        }
        try {
            return builder.start();
        } catch (IOException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("error=2,")) {
                String searched = command.program().contains("/") ? "" : " (searched PATH=" + System.getenv("PATH") + ")";
                throw new TransportException("program `" + command.program() + "` was not found on this host (local)"
                        + searched, e);
            }
            throw new TransportException("could not start `" + command.display() + "` on this host (local): "
                    + reason, e);
        }
    }

    private static Thread daemon(String stream, Process process, Runnable body) {
        // A fresh thread per command: threads inherit context (e.g. Allure's), pooled ones would carry stale context.
        var thread = new Thread(body, "jailspec-local-" + process.pid() + "-" + stream);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void feedStdin(Process process, Command command) {
        OutputStream stdin = process.getOutputStream();
        if (command.stdin().isEmpty()) {
            closeQuietly(stdin);  // so programs that read stdin see end of file, not a hang
            return;
        }
        byte[] input = command.stdin().get();
        // Its own thread: a program that prints before reading would otherwise deadlock with us.
        daemon("stdin", process, () -> {
            try (stdin) {
                stdin.write(input);
            } catch (IOException e) {
                // The program exited without reading all of it; its exit status tells the story.
            }
        });
    }

    private static boolean joinUntil(long deadlineNanos, Thread... threads) throws InterruptedException {
        for (Thread thread : threads) {
            TimeUnit.NANOSECONDS.timedJoin(thread, deadlineNanos - System.nanoTime());
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    // The tree is listed first (a dead parent's children are re-parented and no longer its
    // descendants), then the parent dies first, so a shell cannot report its killed jobs
    // ("Killed") into the output we keep.
    private static void killTree(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // nothing was written, nothing to lose
        }
    }

    @Override
    public Optional<FileStat> stat(String absolutePath) {
        Path path = local(absolutePath);
        try {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) attributes.get("mode");
            return Optional.of(new FileStat(absolutePath, typeOf(mode), (Long) attributes.get("size"),
                    mode & 07777, (Integer) attributes.get("uid"), (Integer) attributes.get("gid")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new HostException("cannot stat " + absolutePath + " on local: " + reason(e), e);
        }
    }

    private static FileStat.Type typeOf(int mode) {
        return switch (mode & 0170000) {
            case 0100000 -> FileStat.Type.FILE;
            case 0040000 -> FileStat.Type.DIRECTORY;
            case 0120000 -> FileStat.Type.SYMLINK;
            default -> FileStat.Type.OTHER;
        };
    }

    @Override
    public byte[] readFile(String absolutePath) {
        try {
            return Files.readAllBytes(local(absolutePath));
        } catch (IOException e) {
            throw new HostException("cannot read " + absolutePath + " on local: " + reason(e), e);
        }
    }

    @Override
    public java.util.List<String> list(String absoluteDir) {
        Path dir = local(absoluteDir);
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (var entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new HostException("cannot list " + absoluteDir + " on local: " + reason(e), e);
        }
    }

    /** Replaces the file atomically (temp file in the same directory, then rename); never creates directories. */
    @Override
    public void writeFile(String absolutePath, byte[] content, int mode) {
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode must be within 07777, got 0" + Integer.toOctalString(mode));
        }
        Path target = local(absolutePath);
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new HostException("cannot write " + absolutePath + " on local: directory " + dir + " does not exist");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".jailspec-tmp");
            Files.write(temp, content);
            // Unlike the permissions given at creation, this ignores the umask and keeps setuid/setgid/sticky bits.
            Files.setAttribute(temp, "unix:mode", mode);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new HostException("cannot write " + absolutePath + " on local: " + reason(e), e);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the original error is the one worth reporting
        }
    }

    private static Path local(String absolutePath) {
        Path path = Path.of(absolutePath);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("host paths are absolute, got " + absolutePath);
        }
        return path;
    }

    // NoSuchFileException and AccessDeniedException carry only the path; name the problem.
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.toString();
    }

    @Override
    public String describe() {
        return "local";
    }
}
