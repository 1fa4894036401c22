package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.FileStat;
import dev.jailspec.host.Host;
import dev.jailspec.host.OutputLine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A fake host that expects commands in order and answers each with a canned result. An
 * unexpected argv fails the test at once with both vectors in the message.
 */
final class ScriptedHost implements Host {

    static final class Reply {
        final List<String> argv;
        int exit;
        String stdout = "";
        String stderr = "";

        Reply(List<String> argv) {
            this.argv = argv;
        }

        Reply exit(int code) {
            this.exit = code;
            return this;
        }

        Reply stdout(String text) {
            this.stdout = text;
            return this;
        }

        Reply stderr(String text) {
            this.stderr = text;
            return this;
        }
    }

    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Command> ran = new ArrayList<>();

    Reply expect(String... argv) {
        Reply r = new Reply(List.of(argv));
        replies.add(r);
        return r;
    }

    List<Command> ran() {
        return ran;
    }

    void assertAllRan() {
        if (!replies.isEmpty()) {
            throw new AssertionError("expected commands never ran: " + replies.stream().map(r -> r.argv).toList());
        }
    }

    @Override
    public CommandResult run(Command command, Consumer<OutputLine> lines) {
        ran.add(command);
        Reply next = replies.poll();
        if (next == null) {
            throw new AssertionError("unexpected command " + command.argv());
        }
        if (!next.argv.equals(command.argv())) {
            throw new AssertionError("expected argv " + next.argv + "\n but got " + command.argv());
        }
        return new CommandResult(command, next.exit, next.stdout, next.stderr, Duration.ofMillis(1));
    }

    @Override
    public Optional<FileStat> stat(String absolutePath) {
        throw new UnsupportedOperationException("ScriptedHost runs commands only");
    }

    @Override
    public List<String> list(String absoluteDir) {
        throw new UnsupportedOperationException("ScriptedHost runs commands only");
    }

    @Override
    public byte[] readFile(String absolutePath) {
        throw new UnsupportedOperationException("ScriptedHost runs commands only");
    }

    @Override
    public void writeFile(String absolutePath, byte[] content, int mode) {
        throw new UnsupportedOperationException("ScriptedHost runs commands only");
    }

    @Override
    public String describe() {
        return "scripted";
    }
}
