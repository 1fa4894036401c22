package dev.jailspec.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One command and what it printed, in the format of the project's transcript corpus
 * ({@code shared/reference/transcripts/SOURCES.md}): line 1 is {@code $ } and the command line,
 * then the output, then {@code # exit: N} when the status is known. Transcripts jailspec records
 * keep the two streams apart: stdout first, then a line {@code # stderr:} and stderr (a corpus
 * transcript has both streams in {@code output}, as a terminal showed them, and no stderr part).
 * Output without a final newline is followed by the line {@value #NO_NEWLINE}.
 */
public record Transcript(String commandLine, String output, Optional<String> stderr, OptionalInt exit) {
    static final String STDERR = "# stderr:";
    static final String EXIT = "# exit: ";
    static final String NO_NEWLINE = "# (no newline at end)";

    public Transcript {
        if (commandLine.isBlank() || commandLine.contains("\n")) {
            throw new IllegalArgumentException("a transcript's command is one non-empty line, got: " + commandLine);
        }
    }

    /** What a command printed, streams apart, with its exit status. */
    public static Transcript of(List<String> argv, CommandResult result) {
        return new Transcript(ShellQuote.join(argv), result.stdout(), Optional.of(result.stderr()),
                OptionalInt.of(result.exitCode()));
    }

    /** The argv of the command line (quote removal only; see {@link ShellQuote#split}). */
    public List<String> argv() {
        return ShellQuote.split(commandLine);
    }

    public String render() {
        var sb = new StringBuilder("$ ").append(commandLine).append('\n');
        appendBlock(sb, output);
        stderr.filter(s -> !s.isEmpty()).ifPresent(s -> appendBlock(sb.append(STDERR).append('\n'), s));
        exit.ifPresent(n -> sb.append(EXIT).append(n).append('\n'));
        return sb.toString();
    }

    private static void appendBlock(StringBuilder sb, String text) {
        sb.append(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            sb.append('\n').append(NO_NEWLINE).append('\n');
        }
    }

    /**
     * Reads a transcript; {@code name} is only for the message when the text is not one.
     *
     * @throws IllegalArgumentException when the first line is not {@code $ command}
     */
    public static Transcript parse(String name, String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("$ ")) {
            throw new IllegalArgumentException(name + ": a transcript starts with a line '$ COMMAND'");
        }
        String command = lines.remove(0).substring(2);
        OptionalInt exit = OptionalInt.empty();
        if (!lines.isEmpty() && lines.get(lines.size() - 1).startsWith(EXIT)) {
            String n = lines.remove(lines.size() - 1).substring(EXIT.length()).trim();
            if (!n.matches("\\d{1,3}")) {
                throw new IllegalArgumentException(name + ": '" + EXIT + n + "' is not an exit status");
            }
            exit = OptionalInt.of(Integer.parseInt(n));
        }
        int split = lines.indexOf(STDERR);
        List<String> out = split < 0 ? lines : lines.subList(0, split);
        Optional<String> err = split < 0 ? Optional.empty() : Optional.of(block(lines.subList(split + 1, lines.size())));
        return new Transcript(command, block(out), err, exit);
    }

    private static String block(List<String> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        if (lines.get(lines.size() - 1).equals(NO_NEWLINE)) {
            return String.join("\n", lines.subList(0, lines.size() - 1));
        }
        return String.join("\n", lines) + "\n";
    }
}
