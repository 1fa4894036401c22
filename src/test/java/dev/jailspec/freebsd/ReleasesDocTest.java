package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/releases.md is the catalogue as the code has it. With -Djailspec.docs.write=true the test
 * writes the page first (after a catalogue change), and then checks it like any other run.
 */
class ReleasesDocTest {
    private static final Path PAGE = Path.of("docs", "releases.md");

    @Test
    void docsReleasesMdListsTheCatalogueAsTheCodeHasIt() throws IOException {
        String rendered = ReleaseCatalogueMarkdown.render();
        if (Boolean.getBoolean("jailspec.docs.write")) {
            Files.writeString(PAGE, rendered, StandardCharsets.UTF_8);
        }
        assertThat(PAGE).as("docs/releases.md; regenerate: mvn -B -q test -Dtest=ReleasesDocTest"
                + " -Djailspec.docs.write=true").exists();
        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/releases.md is stale; regenerate: mvn -B -q test -Dtest=ReleasesDocTest"
                        + " -Djailspec.docs.write=true").isEqualTo(rendered);
    }

    @Test
    void thePageNamesEveryReleaseItsSourcesAndWhatIsUnconfirmed() {
        String page = ReleaseCatalogueMarkdown.render();

        for (FreebsdRelease r : FreebsdReleases.all()) {
            assertThat(page).contains("### " + r.name()).contains(r.build().unameV()).contains(r.openZfs().source());
        }
        assertThat(page).contains("| 15.0-RELEASE | if_bridge refuses IP addresses on member interfaces")
                .contains("  - newest patch level: no source shows it");
    }
}
