package dev.jailspec.report;

import java.io.PrintStream;

/**
 * The console the reporters share. On a terminal it keeps one status line at the bottom that
 * progress redraws in place; a normal line is printed above it (the status line is erased, the
 * line printed, the status redrawn). Without a terminal there is no status line: progress comes
 * as ordinary lines, so a CI log never holds carriage returns or escape sequences.
 */
public final class LiveConsole {
    private static final String ERASE_LINE = "\r\033[K";
    static final int STATUS_WIDTH = 150;

    private final PrintStream out;
    private final boolean terminal;
    private String status = "";

    public LiveConsole(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A terminal when the JVM has a console: not under Maven's forked test JVM, nor with output piped. */
    public static boolean stdoutIsTerminal() {
        return System.console() != null;
    }

    public boolean terminal() {
        return terminal;
    }

    /** Prints one whole line, keeping the status line (if any) below it. */
    public synchronized void line(String text) {
        if (!status.isEmpty()) {
            out.print(ERASE_LINE);
        }
        out.println(text);
        if (!status.isEmpty()) {
            out.print(status);
        }
        out.flush();
    }

    /** Redraws the status line on a terminal; elsewhere prints {@code text} as a line. */
    public synchronized void status(String text) {
        if (!terminal) {
            line(text);
            return;
        }
        status = text.length() > STATUS_WIDTH ? text.substring(0, STATUS_WIDTH - 3) + "..." : text;
        out.print(ERASE_LINE + status);
        out.flush();
    }

    /** Removes the status line, e.g. when the activity it showed has ended. */
    public synchronized void clearStatus() {
        if (!status.isEmpty()) {
            out.print(ERASE_LINE);
            out.flush();
            status = "";
        }
    }
}
