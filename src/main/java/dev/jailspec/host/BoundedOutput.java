package dev.jailspec.host;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the output of one stream for the {@link CommandResult}, bounded so a chatty command
 * (an extract, a package update) cannot exhaust the heap. Keeps the head and, more
 * importantly, the tail, where the error usually is; the middle becomes one marker line.
 * Not thread-safe: one reader thread owns it until the command ends.
 */
public final class BoundedOutput {
    private final int headLimit;
    private final byte[] tail;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private int tailEnd;       // next write position in the ring
    private long tailWritten;  // bytes ever written to the ring
    private long total;

    public BoundedOutput(int limitBytes) {
        if (limitBytes < 2) {
            throw new IllegalArgumentException("limit must be at least 2 bytes, got " + limitBytes);
        }
        this.headLimit = limitBytes / 8;
        this.tail = new byte[limitBytes - headLimit];
    }

    void append(byte[] bytes, int offset, int length) {
        total += length;
        int toHead = Math.min(length, headLimit - head.size());
        head.write(bytes, offset, toHead);
        appendToTail(bytes, offset + toHead, length - toHead);
    }

    private void appendToTail(byte[] bytes, int offset, int length) {
        if (length >= tail.length) {
            System.arraycopy(bytes, offset + length - tail.length, tail, 0, tail.length);
            tailEnd = 0;
        } else {
            int first = Math.min(length, tail.length - tailEnd);
            System.arraycopy(bytes, offset, tail, tailEnd, first);
            System.arraycopy(bytes, offset + first, tail, 0, length - first);
            tailEnd = (tailEnd + length) % tail.length;
        }
        tailWritten += length;
    }

    long droppedBytes() {
        return Math.max(0, tailWritten - tail.length);
    }

    /** The kept text; a cut through a multi-byte character decodes as U+FFFD, which is fine for reports. */
    public String text() {
        var out = new ByteArrayOutputStream((int) Math.min(total, headLimit + tail.length) + 64);
        out.writeBytes(head.toByteArray());
        if (droppedBytes() > 0) {
            out.writeBytes(("\n[... " + droppedBytes() + " bytes dropped]\n").getBytes(StandardCharsets.UTF_8));
            out.write(tail, tailEnd, tail.length - tailEnd);
            out.write(tail, 0, tailEnd);
        } else {
            out.write(tail, 0, (int) tailWritten);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
