package dev.jailspec.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

/**
 * A real terminal session from src/test/resources/transcripts: line 1 is {@code $ command}, then
 * the output (both streams, as a terminal shows them), then {@code # exit: N} when known.
 */
record Transcript(String command, String output, OptionalInt exit) {

    static Transcript load(String relativePath) {
        try (InputStream in = Transcript.class.getResourceAsStream("/transcripts/" + relativePath)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + relativePath);
            }
            // One reader of the format: host.Transcript (a corpus file has both streams in its output).
            var t = dev.jailspec.host.Transcript.parse(relativePath, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new Transcript(t.commandLine(), t.output(), t.exit());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command's words, split on blanks (the transcripts used here need no quoting). */
    List<String> argv() {
        return List.of(command.trim().split("\\s+"));
    }
}
