package dev.jailspec.freebsd;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code zfs get} output: the scripted {@code -H -p -o name,property,value,source} form
 * the harness runs, and the human table.
 *
 * <p>Scripted form (freebsd-facts 1.4): TAB-separated, one property per line, no header.
 */
public final class ZfsGetParser {
    /** The {@code -o} column list {@link #parseScripted} expects, in this order. */
    public static final String COLUMNS = "name,property,value,source";

    private ZfsGetParser() {
    }

    public static List<ZfsProperty> parseScripted(String stdout) {
        List<ZfsProperty> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 4) {
                throw new IllegalArgumentException("expected 4 TAB-separated fields (" + COLUMNS
                        + ") but got " + f.length + ": " + line);
            }
            // A user property value may itself hold a TAB: name and property come first, source last.
            String value = String.join("\t", List.of(f).subList(2, f.length - 1));
            out.add(new ZfsProperty(f[0], f[1], value, ZfsPropertySource.parse(f[f.length - 1])));
        }
        return out;
    }

    /**
     * Parses the human table ({@code NAME PROPERTY VALUE SOURCE}). zfs left-justifies every
     * column to its widest entry, so the header words give the column starts and a value may
     * contain spaces.
     */
    public static List<ZfsProperty> parseTable(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        String header = lines.get(0);
        int property = header.indexOf("PROPERTY");
        int value = header.indexOf("VALUE");
        int source = header.indexOf("SOURCE");
        if (!header.startsWith("NAME") || property < 0 || value < property || source < value) {
            throw new IllegalArgumentException("expected a NAME PROPERTY VALUE SOURCE header, got: " + header);
        }
        List<ZfsProperty> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.length() <= source) {
                throw new IllegalArgumentException("line ends before the SOURCE column: " + line);
            }
            out.add(new ZfsProperty(
                    line.substring(0, property).strip(),
                    line.substring(property, value).strip(),
                    line.substring(value, source).strip(),
                    ZfsPropertySource.parse(line.substring(source).strip())));
        }
        return out;
    }
}
