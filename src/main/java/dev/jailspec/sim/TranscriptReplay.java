package dev.jailspec.sim;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.RecordingHost;
import dev.jailspec.host.Transcript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Feeds a directory of transcripts ({@code jailspec.record}'s {@code NNNN-*.txt}, or a corpus
 * directory of {@code 001.txt}, ...) to a simulated host in order and lists every way the
 * simulator answered differently: exit status, stdout, stderr. Recorded file writes and copies
 * are applied in their place in the sequence, so a recording of a run replays against a fresh
 * simulated host with the same settings; a single transcript of a host in some state is compared
 * after a {@link ReplaySeed} has brought the simulated host there. The list is the fidelity
 * evidence: empty means the simulator printed, byte for byte, what the recorded host printed.
 */
public final class TranscriptReplay {
    private static final Pattern WROTE = Pattern.compile(Pattern.quote(RecordingHost.WROTE) + "(\\S+) mode ([0-7]{4})");
    private static final Pattern COPIED = Pattern.compile(
            Pattern.quote(RecordingHost.COPIED) + "(\\S+) to (\\S+) mode ([0-7]{4}) sha256 [0-9a-f]{64}");

    /** One way the simulator's answer differed from the transcript's. */
    public record Difference(String file, String commandLine, String what, String recorded, String simulated) {
        @Override
        public String toString() {
            return file + ": $ " + commandLine + "\n  " + what + ":\n    recorded:  " + recorded.replace("\n", "\\n")
                    + "\n    simulated: " + simulated.replace("\n", "\\n");
        }
    }

    private TranscriptReplay() {
    }

    public static List<Difference> replay(SimHost host, Path dir) {
        var differences = new ArrayList<Difference>();
        for (Path file : files(dir)) {
            String name = dir.relativize(file).toString();
            String text = read(file);
            if (name.endsWith("-write.txt")) {
                applyWrite(host, name, text);
            } else if (name.endsWith("-copy.txt")) {
                applyCopy(host, name, text).ifPresent(differences::add);
            } else if (text.contains("\n" + RecordingHost.TIMED_OUT)) {
                differences.add(new Difference(name, text.lines().findFirst().orElse("").substring(2), "not replayed",
                        "timed out when recorded", "a command that never finished has nothing to compare"));
            } else {
                differences.addAll(compare(host, name, Transcript.parse(name, text)));
            }
        }
        return differences;
    }

    /** Runs one transcript's command on {@code host} and compares what it printed. */
    public static List<Difference> compare(SimHost host, String name, Transcript t) {
        List<String> argv = t.argv();
        Command command = Command.of(withoutEnv(argv));
        for (String assignment : envOf(argv)) {
            int eq = assignment.indexOf('=');
            command = command.withEnv(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        CommandResult r = host.run(command);
        var out = new ArrayList<Difference>();
        t.exit().ifPresent(exit -> {
            if (exit != r.exitCode()) {
                out.add(new Difference(name, t.commandLine(), "exit status", Integer.toString(exit),
                        Integer.toString(r.exitCode())));
            }
        });
        if (t.stderr().isPresent()) {
            if (!t.output().equals(r.stdout())) {
                out.add(new Difference(name, t.commandLine(), "stdout", t.output(), r.stdout()));
            }
            if (!t.stderr().get().equals(r.stderr())) {
                out.add(new Difference(name, t.commandLine(), "stderr", t.stderr().get(), r.stderr()));
            }
        } else if (!t.output().equals(r.stdout() + r.stderr())) {
            // A corpus transcript shows both streams as the terminal did.
            out.add(new Difference(name, t.commandLine(), "output (stdout and stderr)", t.output(), r.stdout() + r.stderr()));
        }
        return out;
    }

    private static List<String> envOf(List<String> argv) {
        if (!argv.get(0).equals("env")) {
            return List.of();
        }
        return argv.subList(1, argv.size()).stream().takeWhile(a -> a.contains("=")).toList();
    }

    private static List<String> withoutEnv(List<String> argv) {
        return argv.subList(argv.get(0).equals("env") ? 1 + envOf(argv).size() : 0, argv.size());
    }

    private static void applyWrite(SimHost host, String name, String text) {
        int nl = text.indexOf('\n');
        Matcher m = WROTE.matcher(nl < 0 ? text : text.substring(0, nl));
        if (!m.matches()) {
            throw new IllegalArgumentException(name + ": expected a first line '" + RecordingHost.WROTE + "PATH mode NNNN'");
        }
        host.writeFile(m.group(1), text.substring(nl + 1).getBytes(StandardCharsets.UTF_8), Integer.parseInt(m.group(2), 8));
    }

    private static java.util.Optional<Difference> applyCopy(SimHost host, String name, String text) {
        Matcher m = COPIED.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(name + ": expected '" + RecordingHost.COPIED + "LOCAL to PATH mode NNNN sha256 HEX'");
        }
        Path local = Path.of(m.group(1));
        if (!Files.isRegularFile(local)) {
            return java.util.Optional.of(new Difference(name, "(copy to " + m.group(2) + ")", "not replayed",
                    "a copy of " + local, "the local file is gone; replay where the recording's cache is"));
        }
        host.upload(local, m.group(2), Integer.parseInt(m.group(3), 8));
        return java.util.Optional.empty();
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("\\d{3,}(-[A-Za-z0-9._-]+)?\\.txt"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the transcripts in " + dir, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the transcript " + file, e);
        }
    }
}
