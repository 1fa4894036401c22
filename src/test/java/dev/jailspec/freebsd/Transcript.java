package dev.jailspec.freebsd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        // One reader of the format: host.Transcript (a corpus file has both streams in its output).
        var t = dev.jailspec.host.Transcript.parse(relativePath, text);
        return new Transcript(relativePath, t.commandLine(), t.output(), t.exit());
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
