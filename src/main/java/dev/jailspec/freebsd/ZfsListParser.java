package dev.jailspec.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code zfs list} output: the scripted form the harness runs, and the human table.
 *
 * <p>Scripted form (freebsd-facts 1.3): {@code -H} gives one line per dataset with fields
 * separated by a single TAB and no header; {@code -p} gives exact integer bytes; a property that
 * does not apply prints {@code -}. With no matching datasets zfs prints {@code no datasets
 * available} on stderr and exits 0, so stdout is empty.
 */
public final class ZfsListParser {
    /** The {@code -o} column list {@link #parseScripted} expects, in this order. */
    public static final String COLUMNS = "name,type,used,avail,refer,mountpoint,origin";

    private static final int FIELDS = 7;
    private static final List<String> TABLE_HEADER = List.of("NAME", "USED", "AVAIL", "REFER", "MOUNTPOINT");
    private static final Pattern HUMAN_SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([BKMGTPE]?)");
    private static final String UNITS = "BKMGTPE";

    private ZfsListParser() {
    }

    /** Parses {@code zfs list -H -p -o name,type,used,avail,refer,mountpoint,origin} stdout. */
    public static List<ZfsDataset> parseScripted(String stdout) {
        List<ZfsDataset> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != FIELDS) {
                throw new IllegalArgumentException("expected " + FIELDS + " TAB-separated fields ("
                        + COLUMNS + ") but got " + f.length + ": " + line);
            }
            out.add(new ZfsDataset(f[0], ZfsType.parse(f[1]), bytes(f[2], line), bytes(f[3], line),
                    bytes(f[4], line), dashless(f[5]), dashless(f[6])));
        }
        return out;
    }

    /**
     * Parses the human table of {@code zfs list} with the default columns. Header-less input
     * (e.g. piped through grep) is read as those columns. Column widths vary between OpenZFS
     * versions (transcript zfs-list-r/004 has a wider REFER), so fields are split on whitespace:
     * names and sizes hold no spaces, and the mount point is the rest of the line.
     */
    public static List<ZfsListRow> parseTable(String output) {
        List<ZfsListRow> rows = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank() || line.equals("no datasets available")) {
                continue;
            }
            String[] f = line.strip().split("\\s+", TABLE_HEADER.size());
            if (List.of(f).equals(TABLE_HEADER)) {
                continue;
            }
            if (f[0].equals("NAME")) {
                throw new IllegalArgumentException("only the default columns " + TABLE_HEADER
                        + " are understood, got header: " + line);
            }
            if (f.length != TABLE_HEADER.size()) {
                throw new IllegalArgumentException("expected " + TABLE_HEADER + " but got " + f.length
                        + " fields: " + line);
            }
            rows.add(new ZfsListRow(f[0], f[1], f[2], f[3], f[4]));
        }
        return rows;
    }

    /**
     * A human size ({@code 916M}, {@code 49.0G}, {@code 0B}, {@code 0}) in bytes, using the
     * 1024-based units zfs prints; {@code -} is empty. Approximate by nature.
     */
    public static OptionalLong humanBytes(String size) {
        if (size.equals("-")) {
            return OptionalLong.empty();
        }
        Matcher m = HUMAN_SIZE.matcher(size);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a zfs size: '" + size + "'");
        }
        int power = m.group(2).isEmpty() ? 0 : UNITS.indexOf(m.group(2));
        return OptionalLong.of(Math.round(Double.parseDouble(m.group(1)) * Math.pow(1024, power)));
    }

    private static OptionalLong bytes(String field, String line) {
        if (field.equals("-")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(field));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected exact bytes (zfs list -p) but got '" + field + "': " + line, e);
        }
    }

    static Optional<String> dashless(String field) {
        return field.equals("-") ? Optional.empty() : Optional.of(field);
    }
}
