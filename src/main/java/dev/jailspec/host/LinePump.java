package dev.jailspec.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Drains one output stream of a process: keeps the bytes in a {@link BoundedOutput} and hands
 * each complete line to a consumer as soon as it arrives. Splits on '\n' bytes (never part of
 * a multi-byte UTF-8 character) and drops a trailing '\r'. Public for the transports in sub-packages (SSH).
 */
public final class LinePump implements Runnable {
    // A program that never prints a newline must not grow one line without bound.
    static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final OutputLine.Stream stream;
    private final BoundedOutput kept;
    private final Consumer<OutputLine> lines;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public LinePump(InputStream in, OutputLine.Stream stream, BoundedOutput kept, Consumer<OutputLine> lines) {
        this.in = in;
        this.stream = stream;
        this.kept = kept;
        this.lines = lines;
    }

    @Override
    public void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                kept.append(buffer, 0, n);
                split(buffer, n);
            }
        } catch (IOException e) {
            // The stream was closed under us (process killed); what we have is what there is.
        }
        if (line.size() > 0) {
            emit();
        }
    }

    private void split(byte[] buffer, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n') {
                line.write(buffer, start, i - start);
                emit();
                start = i + 1;
            } else if (line.size() + (i - start) >= MAX_LINE_BYTES) {
                line.write(buffer, start, i - start);
                emit();
                start = i;
            }
        }
        line.write(buffer, start, length - start);
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        lines.accept(new OutputLine(stream, text));
    }
}
