package dev.jailspec.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            if (lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            String command = lines.remove(0).substring(2);
            OptionalInt exit = OptionalInt.empty();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            if (last.startsWith("# exit: ")) {
                exit = OptionalInt.of(Integer.parseInt(last.substring("# exit: ".length()).trim()));
                lines.remove(lines.size() - 1);
            }
            String output = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
            return new Transcript(command, output, exit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command's words, split on blanks (the transcripts used here need no quoting). */
    List<String> argv() {
        return List.of(command.trim().split("\\s+"));
    }
}
