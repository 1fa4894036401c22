package dev.jailspec.sim;

import dev.jailspec.host.OutputLine;
import java.util.ArrayList;
import java.util.List;

/** What a simulated program printed, in the order it printed it. */
final class Output {
    private record Chunk(OutputLine.Stream stream, String text) {
    }

    private final List<Chunk> chunks = new ArrayList<>();

    void out(String text) {
        if (!text.isEmpty()) {
            chunks.add(new Chunk(OutputLine.Stream.STDOUT, text));
        }
    }

    void err(String text) {
        if (!text.isEmpty()) {
            chunks.add(new Chunk(OutputLine.Stream.STDERR, text));
        }
    }

    void outln(String line) {
        out(line + "\n");
    }

    void errln(String line) {
        err(line + "\n");
    }

    /** Appends everything {@code other} printed, stream by stream. */
    void append(Output other) {
        chunks.addAll(other.chunks);
    }

    String stdout() {
        return text(OutputLine.Stream.STDOUT);
    }

    String stderr() {
        return text(OutputLine.Stream.STDERR);
    }

    /** Both streams in print order, as {@code >file 2>&1} would capture them. */
    String combined() {
        StringBuilder sb = new StringBuilder();
        chunks.forEach(c -> sb.append(c.text()));
        return sb.toString();
    }

    private String text(OutputLine.Stream stream) {
        StringBuilder sb = new StringBuilder();
        chunks.stream().filter(c -> c.stream() == stream).forEach(c -> sb.append(c.text()));
        return sb.toString();
    }

    /** The output split into lines, each line on the stream that printed it. */
    List<OutputLine> lines() {
        List<OutputLine> lines = new ArrayList<>();
        StringBuilder outLine = new StringBuilder();
        StringBuilder errLine = new StringBuilder();
        for (Chunk c : chunks) {
            StringBuilder pending = c.stream() == OutputLine.Stream.STDOUT ? outLine : errLine;
            for (char ch : c.text().toCharArray()) {
                if (ch == '\n') {
                    lines.add(new OutputLine(c.stream(), pending.toString()));
                    pending.setLength(0);
                } else {
                    pending.append(ch);
                }
            }
        }
        if (outLine.length() > 0) {
            lines.add(new OutputLine(OutputLine.Stream.STDOUT, outLine.toString()));
        }
        if (errLine.length() > 0) {
            lines.add(new OutputLine(OutputLine.Stream.STDERR, errLine.toString()));
        }
        return lines;
    }
}
