package dev.jailspec.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/simulator-sources.md is what the code says, and the code's marks have the one format. */
class SimulatorSourcesPageTest {
    private static final SimulatorSourcesPage CODE = SimulatorSourcesPage.read(Path.of(""));

    @Test
    void thePageIsWhatTheCodeSays() throws IOException {
        String generated = CODE.render();
        if (Boolean.getBoolean(SimulatorSourcesPage.WRITE_PROPERTY)) {
            Files.writeString(SimulatorSourcesPage.PAGE, generated, StandardCharsets.UTF_8);
        }
        String onDisk = Files.exists(SimulatorSourcesPage.PAGE)
                ? Files.readString(SimulatorSourcesPage.PAGE, StandardCharsets.UTF_8) : "";
        List<String> want = generated.lines().toList();
        List<String> have = onDisk.lines().toList();
        int first = 0;
        while (first < Math.min(want.size(), have.size()) && want.get(first).equals(have.get(first))) {
            first++;
        }
        assertThat(onDisk.equals(generated))
                .as("%s is stale (a cited source or an [UNVERIFIED: ...] mark changed in the code): line %d is%n  %s%n"
                                + "the code says%n  %s%nregenerate it: %s", SimulatorSourcesPage.PAGE, first + 1,
                        first < have.size() ? have.get(first) : "(the end of the file)",
                        first < want.size() ? want.get(first) : "(the end of the file)", SimulatorSourcesPage.REGENERATE)
                .isTrue();
    }

    @Test
    void everyUnverifiedMarkHasTheOneFormat() {
        assertThat(CODE.malformed()).as("marks that are not '[UNVERIFIED: what is unverified]' (docs/ARCHITECTURE.md)")
                .isEmpty();
        assertThat(CODE.unverified()).isNotEmpty();
    }

    @Test
    void everySimulatedProgramCitesItsSourcesOrSaysWhatIsUnverified() {
        assertThat(CODE.simulator())
                .filteredOn(f -> Path.of("src/main/java", f.file()).toFile().isFile() && isProgram(f.file()))
                .as("simulated programs (SimTool) without a cited source or an [UNVERIFIED: ...] mark")
                .allSatisfy(f -> assertThat(f.sources().size() + f.unverified().size()).as(f.file()).isPositive());
    }

    @Test
    void marksAndCitationsAreReadFromCommentsOnly() {
        String source = """
                package x;
                /**
                 * jls(8) (usr.sbin/jls/jls.c at releng/14.3, freebsd-facts 2.4; transcripts jls/001 and jls-v/001)
                 * prints {@code a [b]} [UNVERIFIED: the width, not at releng/15.0,
                 *   of the [ql] column].
                 */
                class X {
                    String s = "[UNVERIFIED] in a string is data, // not a comment";
                    // [UNVERIFIED] bare
                    int y; // kern_jail.c [UNVERIFIED at releng/14.3: the text]
                    // two line comments [UNVERIFIED: read as
                    // one]
                }
                """;
        SourceMarks m = SourceMarks.read("x/X.java", source, Set.of("jls", "jls-v"));
        assertThat(m.sources()).containsExactly("freebsd-facts §2.4", "transcript jls/001", "transcript jls-v/001",
                "usr.sbin/jls/jls.c", "kern_jail.c");
        assertThat(m.versions()).containsExactly("releng/14.3");
        assertThat(m.unverified()).containsExactly(new SourceMarks.Unverified("x/X.java", 4, "the width, not at releng/15.0, of the [ql] column",
                        "usr.sbin/jls/jls.c"),
                new SourceMarks.Unverified("x/X.java", 11, "read as one", ""));
        assertThat(m.malformed()).extracting(SourceMarks.Unverified::line).containsExactly(9, 10);
    }

    @Test
    void freebsdPkgPathsAndTagsAreSourcesAndVersions() {
        String source = """
                package x;
                /**
                 * pkgcli_update (src/update.c) and pkg_repo_load_fingerprints (libpkg/pkg_repo.c), freebsd/pkg tag
                 * 2.7.5; the same at freebsd/pkg 2.4.2. Not a pkg path: src/main/java/dev/X.java.
                 */
                class X {
                }
                """;
        SourceMarks m = SourceMarks.read("x/X.java", source, Set.of());
        assertThat(m.sources()).containsExactly("freebsd/pkg src/update.c", "freebsd/pkg libpkg/pkg_repo.c");
        assertThat(m.versions()).containsExactly("freebsd/pkg 2.7.5", "freebsd/pkg 2.4.2");
    }

    private static boolean isProgram(String file) {
        try {
            return Files.readString(Path.of("src/main/java", file)).contains("implements SimTool");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
