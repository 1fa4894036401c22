package dev.jailspec.artifact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A FreeBSD release {@code MANIFEST}: one TAB-separated line per distribution set,
 * {@code file, sha256, entry count, distname, "description", on|off} (release/scripts/make-manifest.sh).
 */
public record FreebsdManifest(String source, List<Entry> entries) {
    private static final Pattern COUNT = Pattern.compile("\\d{1,12}");
    private static final Pattern DISTNAME = Pattern.compile("[A-Za-z0-9_.]+");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_.-]+\\.txz");

    /**
     * One distribution set. {@code entryCount} is what {@code tar tvf | wc -l} printed when the
     * release was built; {@code defaultOn} is bsdinstall's default selection.
     */
    public record Entry(String file, String sha256, long entryCount, String distname, String description,
                        boolean defaultOn) {
    }

    public FreebsdManifest {
        entries = List.copyOf(entries);
    }

    /**
     * Parses MANIFEST text. {@code source} names it in messages (e.g. its URL). Blank lines are
     * skipped; any other line that is not six TAB-separated fields of the right shape is an
     * error naming its line number.
     */
    public static FreebsdManifest parse(String text, String source) {
        Map<String, Entry> byFile = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNumber = i + 1;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw new ListingFormatException(source, lineNumber, line,
                        "expected 6 TAB-separated fields (file, sha256, count, distname, \"description\", on|off), found "
                                + f.length);
            }
            if (!FILE.matcher(f[0]).matches()) {
                throw new ListingFormatException(source, lineNumber, line, "field 1 is not a .txz file name: " + f[0]);
            }
            if (!Hashing.isSha256Hex(f[1])) {
                throw new ListingFormatException(source, lineNumber, line, "field 2 is not a 64-digit sha256: " + f[1]);
            }
            if (!COUNT.matcher(f[2]).matches()) {
                throw new ListingFormatException(source, lineNumber, line, "field 3 is not an entry count: " + f[2]);
            }
            if (!DISTNAME.matcher(f[3]).matches()) {
                throw new ListingFormatException(source, lineNumber, line, "field 4 is not a distname: " + f[3]);
            }
            String desc = f[4];
            if (desc.length() < 2 || !desc.startsWith("\"") || !desc.endsWith("\"")) {
                throw new ListingFormatException(source, lineNumber, line, "field 5 is not a quoted description: " + desc);
            }
            boolean on;
            if (f[5].equals("on")) {
                on = true;
            } else if (f[5].equals("off")) {
                on = false;
            } else {
                throw new ListingFormatException(source, lineNumber, line, "field 6 must be on or off, found " + f[5]);
            }
            var entry = new Entry(f[0], Hashing.requireSha256(f[1], "sha256"), Long.parseLong(f[2]), f[3],
                    desc.substring(1, desc.length() - 1), on);
            if (byFile.putIfAbsent(entry.file(), entry) != null) {
                throw new ListingFormatException(source, lineNumber, line, entry.file() + " is listed twice");
            }
        }
        return new FreebsdManifest(source, new ArrayList<>(byFile.values()));
    }

    public Optional<Entry> entry(String file) {
        return entries.stream().filter(e -> e.file().equals(file)).findFirst();
    }

    /** The sha256 of {@code file} (e.g. "base.txz"), or an error that lists what the MANIFEST has. */
    public String sha256Of(String file) {
        return require(file).sha256();
    }

    public Entry require(String file) {
        return entry(file).orElseThrow(() -> new ArtifactException(source + " has no line for " + file
                + "; it lists " + entries.stream().map(Entry::file).toList()
                + ". Check the release name and the mirror (jailspec.freebsd.release, jailspec.freebsd.mirror)."));
    }
}
