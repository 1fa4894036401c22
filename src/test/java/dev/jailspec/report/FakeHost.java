package dev.jailspec.report;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.FileStat;
import dev.jailspec.host.Host;
import dev.jailspec.host.OutputLine;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A host that answers scripted argvs (joined with spaces); anything else exits 127. */
final class FakeHost implements Host {
    private record Reply(int exitCode, String stdout, String stderr) {
    }

    private final Map<String, Reply> replies = new HashMap<>();

    FakeHost answer(String argv, int exitCode, String stdout, String stderr) {
        replies.put(argv, new Reply(exitCode, stdout, stderr));
        return this;
    }

    @Override
    public CommandResult run(Command command, Consumer<OutputLine> lines) {
        Reply r = replies.getOrDefault(String.join(" ", command.argv()),
                new Reply(127, "", command.program() + ": not scripted in FakeHost\n"));
        return new CommandResult(command, r.exitCode(), r.stdout(), r.stderr(), Duration.ofMillis(3));
    }

    @Override
    public Optional<FileStat> stat(String absolutePath) {
        return Optional.empty();
    }

    @Override
    public byte[] readFile(String absolutePath) {
        throw new UnsupportedOperationException("FakeHost has no files");
    }

    @Override
    public List<String> list(String absoluteDir) {
        return List.of();
    }

    @Override
    public void writeFile(String absolutePath, byte[] content, int mode) {
        throw new UnsupportedOperationException("FakeHost has no files");
    }

    @Override
    public String describe() {
        return "fake";
    }
}
