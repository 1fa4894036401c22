package dev.jailspec.host;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/** Serialises the caller's consumer across the reader threads of one command and remembers the last lines for timeouts. */
public final class LineSink implements Consumer<OutputLine> {
    private static final int TAIL_LINES = 20;

    private final Consumer<OutputLine> downstream;
    private final Deque<String> recent = new ArrayDeque<>();
    private RuntimeException failure;

    public LineSink(Consumer<OutputLine> downstream) {
        this.downstream = downstream;
    }

    @Override
    public synchronized void accept(OutputLine line) {
        recent.addLast(line.text());
        if (recent.size() > TAIL_LINES) {
            recent.removeFirst();
        }
        if (failure != null) {
            return;
        }
        try {
            downstream.accept(line);
        } catch (RuntimeException e) {
            failure = e;  // keep draining: a stalled pipe would stall the program
        }
    }

    public synchronized String tail() {
        return String.join("\n", recent);
    }

    public synchronized void rethrowFailure() {
        if (failure != null) {
            throw failure;
        }
    }
}
