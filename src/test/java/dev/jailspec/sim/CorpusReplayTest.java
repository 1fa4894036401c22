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
 * shared/reference/transcripts: real FreeBSD hosts) replayed against a simulated host. A transcript
 * taken on a host in a state the simulator does not start in (its datasets, jails, modules) has a
 * seed, {@code replay/seeds/<dir>/<NNN>.seed} ({@link ReplaySeed}), that brings a fresh simulated
 * host to that state first, so what differs is the simulator. Each remaining difference is listed
 * in {@code replay/corpus-differences.tsv} with its reason, and this test fails when the
 * simulator's answers change in a way that list does not say: a new difference, or one that went
 * away (then the list is updated, and the reason with it).
 */
class CorpusReplayTest {
    @TempDir
    Path dir;

    @Test
    void theCorpusReplaysWithOnlyTheListedDifferences() throws IOException, URISyntaxException {
        Path corpus = Path.of(CorpusReplayTest.class.getResource("/transcripts").toURI());
        Map<String, String> seen = new LinkedHashMap<>();
        Map<String, String> details = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus)) {
            files = s.filter(p -> p.getFileName().toString().matches("\\d{3}\\.txt")).sorted().toList();
        }
        int n = 0;
        for (Path f : files) {
            String name = corpus.relativize(f).toString();
            Transcript t = Transcript.parse(name, Files.readString(f, StandardCharsets.UTF_8));
            List<String> whats = new ArrayList<>();
            ReplaySeed seed = seedOf(name);
            SimHost host = SimHost.create(dir.resolve("h" + n++), seed.spec());
            seed.apply(host); // a seed that does not apply fails the test: it is ours to fix
            try {
                for (TranscriptReplay.Difference d : TranscriptReplay.compare(host, name, t)) {
                    whats.add(d.what());
                    details.merge(name, d.toString(), (x, y) -> x + "\n" + y);
                }
            } catch (RuntimeException e) {
                whats.add("not replayed: " + e.getClass().getSimpleName());
                details.put(name, name + ": $ " + t.commandLine() + "\n  not replayed: " + e);
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
        // Every difference in full, for whoever updates the list.
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/corpus-replay-differences.txt"), String.join("\n", details.values()) + "\n");
        String changed = seen.keySet().stream().filter(k -> !seen.get(k).equals(listed.get(k)))
                .map(k -> details.getOrDefault(k, k + ": " + seen.get(k))).collect(java.util.stream.Collectors.joining("\n"));
        assertThat(seen).as("differences of the corpus replayed on the simulator (file -> what differs; all of them in"
                                + " target/corpus-replay-differences.txt); not as listed:%n%s",
                        changed)
                .containsExactlyInAnyOrderEntriesOf(listed);
    }

    @Test
    void everySeedBelongsToATranscriptAndSaysWhyInItsFirstLine() throws IOException, URISyntaxException {
        Path seeds = Path.of(CorpusReplayTest.class.getResource("/replay/seeds").toURI());
        Path corpus = Path.of(CorpusReplayTest.class.getResource("/transcripts").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.walk(seeds)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).isNotEmpty().allSatisfy(f -> {
            String rel = seeds.relativize(f).toString();
            assertThat(rel).as("a seed's name").matches("[a-z0-9-]+/\\d{3}\\.seed");
            assertThat(corpus.resolve(rel.replaceFirst("\\.seed$", ".txt"))).as("the transcript of " + rel).isRegularFile();
            assertThat(Files.readString(f).lines().findFirst().orElse("")).as(rel + ": first line").startsWith("# why: ");
        });
    }

    /** The seed beside the transcript {@code dir/NNN.txt}, or none: a fresh host of the default spec. */
    private static ReplaySeed seedOf(String transcript) throws IOException {
        String name = "/replay/seeds/" + transcript.replaceFirst("\\.txt$", ".seed");
        try (var in = CorpusReplayTest.class.getResourceAsStream(name)) {
            return in == null ? ReplaySeed.none(SimHostSpec.defaults())
                    : ReplaySeed.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), SimHostSpec.defaults());
        }
    }
}
