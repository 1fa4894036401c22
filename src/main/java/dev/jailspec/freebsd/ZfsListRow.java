package dev.jailspec.freebsd;

import java.util.OptionalLong;

/**
 * One row of the human {@code zfs list} table (default columns NAME USED AVAIL REFER MOUNTPOINT),
 * sizes as printed ({@code 27.8M}, {@code 0B}, {@code -}). The harness itself lists with
 * {@code -H -p}; this form is what people paste, and what the transcript corpus holds.
 */
public record ZfsListRow(String name, String used, String avail, String refer, String mountpoint) {

    /** USED in bytes, approximately (the table rounds to three digits). */
    public OptionalLong usedBytesApprox() {
        return ZfsListParser.humanBytes(used);
    }

    public OptionalLong availBytesApprox() {
        return ZfsListParser.humanBytes(avail);
    }

    public OptionalLong referBytesApprox() {
        return ZfsListParser.humanBytes(refer);
    }
}
