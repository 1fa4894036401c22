package dev.jailspec.artifact;

/** A checksum listing (FreeBSD MANIFEST, Rocky CHECKSUM) has a line that does not parse. */
public class ListingFormatException extends ArtifactException {
    private final String source;
    private final int lineNumber;

    public ListingFormatException(String source, int lineNumber, String line, String problem) {
        super(source + " line " + lineNumber + ": " + problem + ": \"" + shorten(line) + "\"");
        this.source = source;
        this.lineNumber = lineNumber;
    }

    public String source() {
        return source;
    }

    public int lineNumber() {
        return lineNumber;
    }

    private static String shorten(String line) {
        String visible = line.replace("\t", "\\t");
        return visible.length() > 160 ? visible.substring(0, 160) + "..." : visible;
    }
}
