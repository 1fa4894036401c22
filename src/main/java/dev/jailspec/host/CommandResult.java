package dev.jailspec.host;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a command did. A non-zero exit status is a normal result; the policy helpers
 * ({@link #expectExit}, {@link #orThrow}) turn it into a {@link CommandFailedException}.
 */
public record CommandResult(Command command, int exitCode, String stdout, String stderr, Duration duration) {

    public CommandResult {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
    }

    public List<String> argv() {
        return command.argv();
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Returns this result if the exit code is one of {@code allowed}, else throws. */
    public CommandResult expectExit(int... allowed) {
        if (Arrays.stream(allowed).noneMatch(code -> code == exitCode)) {
            throw new CommandFailedException(this, Arrays.toString(allowed));
        }
        return this;
    }

    /** Returns this result if the command exited 0, else throws with the command and stderr. */
    public CommandResult orThrow() {
        return expectExit(0);
    }

    public List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    /** The last {@code n} lines of stderr (or stdout when stderr is empty): for messages. */
    public String tail(int n) {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] lines = text.strip().split("\n");
        int from = Math.max(0, lines.length - n);
        return String.join("\n", Arrays.asList(lines).subList(from, lines.length));
    }
}
