package dev.jailspec.artifact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checksum listing in the BSD-tagged form ({@code sha256sum --tag}), as Rocky Linux publishes its
 * {@code CHECKSUM}: the concatenation of per-image entries, each
 * {@code # FILE: N bytes} followed by {@code SHA256 (FILE) = hex}.
 */
public record TaggedChecksums(String source, List<Entry> entries) {
    private static final Pattern SIZE_LINE = Pattern.compile("#\\s*(\\S+):\\s*(\\d+)\\s+bytes\\s*");
    private static final Pattern HASH_LINE = Pattern.compile("SHA256\\s+\\((.+)\\)\\s*=\\s*(\\S+)\\s*");

    /** One image; {@code size} is -1 when no size line came before its hash line. */
    public record Entry(String file, long size, String sha256) {
        /** True for the moving aliases such as {@code Rocky-9-Container-Base.latest.x86_64.tar.xz}. */
        public boolean isAlias() {
            return file.contains(".latest.");
        }
    }

    public TaggedChecksums {
        entries = List.copyOf(entries);
    }

    /**
     * Parses CHECKSUM text; {@code source} names it in messages. Blank lines and comment lines
     * that are not size lines are skipped. A hash line for another file than the size line
     * before it, a size line without a hash line, a second entry for one file, or any other
     * text is an error naming its line number.
     */
    public static TaggedChecksums parse(String text, String source) {
        Map<String, Entry> byFile = new LinkedHashMap<>();
        String pendingFile = null;
        long pendingSize = -1;
        int pendingLine = 0;
        String pendingText = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNumber = i + 1;
            if (line.isBlank()) {
                continue;
            }
            Matcher size = SIZE_LINE.matcher(line);
            if (size.matches()) {
                if (pendingFile != null) {
                    throw new ListingFormatException(source, pendingLine, pendingText,
                            "size line for " + pendingFile + " is not followed by its SHA256 line");
                }
                pendingFile = size.group(1);
                pendingSize = Long.parseLong(size.group(2));
                pendingLine = lineNumber;
                pendingText = line;
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Matcher hash = HASH_LINE.matcher(line);
            if (!hash.matches()) {
                throw new ListingFormatException(source, lineNumber, line,
                        "expected \"# FILE: N bytes\" or \"SHA256 (FILE) = hex\"");
            }
            String file = hash.group(1);
            if (!Hashing.isSha256Hex(hash.group(2))) {
                throw new ListingFormatException(source, lineNumber, line, "not a 64-digit sha256: " + hash.group(2));
            }
            long entrySize = -1;
            if (pendingFile != null) {
                if (!pendingFile.equals(file)) {
                    throw new ListingFormatException(source, lineNumber, line,
                            "SHA256 line names " + file + " but the size line before it (line " + pendingLine
                                    + ") names " + pendingFile);
                }
                entrySize = pendingSize;
                pendingFile = null;
            }
            var entry = new Entry(file, entrySize, Hashing.requireSha256(hash.group(2), "sha256"));
            if (byFile.putIfAbsent(file, entry) != null) {
                throw new ListingFormatException(source, lineNumber, line, file + " is listed twice");
            }
        }
        if (pendingFile != null) {
            throw new ListingFormatException(source, pendingLine, pendingText,
                    "size line for " + pendingFile + " is not followed by its SHA256 line");
        }
        return new TaggedChecksums(source, new ArrayList<>(byFile.values()));
    }

    public Optional<Entry> entry(String file) {
        return entries.stream().filter(e -> e.file().equals(file)).findFirst();
    }

    public Entry require(String file) {
        return require(file, "check the image name and the mirror setting");
    }

    /** The entry of {@code file}; none is an error saying what the listing has and {@code hint} (which settings to check). */
    public Entry require(String file, String hint) {
        return entry(file).orElseThrow(() -> new ArtifactException(source + " has no entry for " + file
                + "; it lists " + entries.stream().map(Entry::file).toList() + ". " + Character.toUpperCase(hint.charAt(0))
                + hint.substring(1) + "."));
    }

    /** Resolves an alias listed in this file to the dated image with the same size and hash. */
    public Entry resolveLatest(String alias) {
        Entry a = require(alias);
        return resolveLatest(alias, a.size(), a.sha256());
    }

    /**
     * The dated entry (not an alias, not {@code alias} itself) whose size and sha256 equal the
     * given ones: e.g. {@code Rocky-9-Container-Base.latest.x86_64.tar.xz} resolves to
     * {@code Rocky-9-Container-Base-9.7-20251123.2.x86_64.oci.tar.xz}. A size of -1 matches on
     * the hash alone. No match, or more than one, is an error that says what was found.
     */
    public Entry resolveLatest(String alias, long size, String sha256) {
        String hash = Hashing.requireSha256(sha256, "sha256 of " + alias);
        List<Entry> matches = entries.stream()
                .filter(e -> !e.file().equals(alias) && !e.isAlias())
                .filter(e -> e.sha256().equals(hash))
                .filter(e -> size < 0 || e.size() < 0 || e.size() == size)
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new ArtifactException("no dated image in " + source + " has the size (" + size
                    + " bytes) and sha256 (" + hash + ") of " + alias
                    + "; the listing may be mid-update on the mirror: try again later or name a dated image");
        }
        throw new ArtifactException(alias + " matches several dated images in " + source + ": "
                + matches.stream().map(Entry::file).toList() + "; name one of them instead of the alias");
    }
}
