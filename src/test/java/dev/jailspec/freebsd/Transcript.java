package dev.jailspec.freebsd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * A recorded command from {@code src/test/resources/transcripts} (copied from
 * shared/reference/transcripts; SOURCES.md there says where each came from). Line 1 is
 * {@code $ command}, then the output, and {@code # exit: N} last when the status is known.
 * Output is kept byte for byte, each line ending in a newline as the program printed it.
 */
record Transcript(String path, String command, String output, OptionalInt exit) {

    static Transcript load(String relativePath) {
        String text;
        try {
            text = Files.readString(resource(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the file's final newline
        }
        if (!lines.get(0).startsWith("$ ")) {
            throw new IllegalStateException(relativePath + ": line 1 is not '$ command'");
        }
        OptionalInt exit = OptionalInt.empty();
        String last = lines.get(lines.size() - 1);
        if (last.matches("# exit: \\d+")) {
            exit = OptionalInt.of(Integer.parseInt(last.substring("# exit: ".length())));
            lines.remove(lines.size() - 1);
        }
        List<String> out = lines.subList(1, lines.size());
        return new Transcript(relativePath, lines.get(0).substring(2),
                out.isEmpty() ? "" : String.join("\n", out) + "\n", exit);
    }

    /** The transcript files of one command, e.g. {@code zfs-get} gives {@code zfs-get/001.txt}, ... */
    static List<String> filesOf(String command) {
        try (Stream<Path> s = Files.list(resource(command))) {
            return s.map(p -> command + "/" + p.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String relativePath) {
        URL url = Transcript.class.getClassLoader().getResource("transcripts/" + relativePath);
        if (url == null) {
            throw new IllegalStateException("no test resource transcripts/" + relativePath);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
