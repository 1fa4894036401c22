package dev.jailspec.jailconf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One file of the jail.conf corpus with its labels, read from SOURCES.md. */
record CorpusEntry(String file, Map<String, String> labels) {

    static final String ROOT = "/jailconf-corpus/";

    static List<CorpusEntry> all() {
        List<CorpusEntry> entries = new ArrayList<>();
        String file = null;
        Map<String, String> labels = null;
        for (String line : new String(bytes("SOURCES.md"), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("### accept/") || line.startsWith("### reject/")) {
                if (file != null) {
                    entries.add(new CorpusEntry(file, labels));
                }
                file = line.substring(4).trim();
                labels = new LinkedHashMap<>();
            } else if (file != null && line.startsWith("- ") && line.indexOf(':') > 2) {
                int colon = line.indexOf(':');
                labels.putIfAbsent(line.substring(2, colon), line.substring(colon + 1).trim());
            }
        }
        if (file != null) {
            entries.add(new CorpusEntry(file, labels));
        }
        return entries;
    }

    boolean accepted() {
        return label("expect").equals("accept");
    }

    String label(String key) {
        String value = labels.get(key);
        if (value == null) {
            throw new IllegalStateException(file + ": no '" + key + "' label in SOURCES.md");
        }
        return value;
    }

    /** A comma-separated label ("names:", "includes:"); empty when the value is empty. */
    List<String> listLabel(String key) {
        String value = label(key);
        return value.isEmpty() ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
    }

    /** The "error:" lines, with FILE replaced by the name the parser was given. */
    List<String> errorLines(String fileName) {
        return Arrays.stream(label("error").split(" \\| ")).map(l -> l.replace("FILE", fileName)).toList();
    }

    byte[] bytes() {
        return bytes(file);
    }

    String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return file;
    }

    private static byte[] bytes(String name) {
        try (InputStream in = CorpusEntry.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + ROOT + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
