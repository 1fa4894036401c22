package dev.jailspec.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.host.Transcript;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every transcript of the corpus (src/test/resources/transcripts, a copy of
 * shared/reference/transcripts: real FreeBSD hosts) replayed against a fresh simulated host. Most
 * were taken on hosts in a state the simulator does not start in (other datasets, jails, modules),
 * so most differ; each difference is listed in {@code replay/corpus-differences.tsv} with its
 * reason, and this test fails when the simulator's answers change in a way that list does not say:
 * a new difference, or one that went away (then the list is updated, and the reason with it).
 */
class CorpusReplayTest {
    @TempDir
    Path dir;

    @Test
    void theCorpusReplaysWithOnlyTheListedDifferences() throws IOException, URISyntaxException {
        Path corpus = Path.of(CorpusReplayTest.class.getResource("/transcripts").toURI());
        Map<String, String> seen = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus)) {
            files = s.filter(p -> p.getFileName().toString().matches("\\d{3}\\.txt")).sorted().toList();
        }
        int n = 0;
        for (Path f : files) {
            String name = corpus.relativize(f).toString();
            Transcript t = Transcript.parse(name, Files.readString(f, StandardCharsets.UTF_8));
            List<String> whats = new ArrayList<>();
            try {
                SimHost host = SimHost.create(dir.resolve("h" + n++), SimHostSpec.defaults());
                TranscriptReplay.compare(host, name, t).forEach(d -> whats.add(d.what()));
            } catch (RuntimeException e) {
                whats.add("not replayed: " + e.getClass().getSimpleName());
            }
            if (!whats.isEmpty()) {
                seen.put(name, String.join(", ", whats));
            }
        }
        Map<String, String> listed = new LinkedHashMap<>();
        try (var in = CorpusReplayTest.class.getResourceAsStream("/replay/corpus-differences.tsv")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t"))
                    .forEach(c -> listed.put(c[0], c[1]));
        }
        assertThat(seen).as("differences of the corpus replayed on the simulator (file -> what differs)")
                .containsExactlyInAnyOrderEntriesOf(listed);
    }
}
