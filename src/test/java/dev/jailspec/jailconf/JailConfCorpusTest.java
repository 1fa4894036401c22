package dev.jailspec.jailconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every corpus file against the verdict of FreeBSD's own parser, as labelled in SOURCES.md. */
class JailConfCorpusTest {

    static Stream<CorpusEntry> entries() {
        return CorpusEntry.all().stream();
    }

    static Stream<CorpusEntry> accepted() {
        return entries().filter(CorpusEntry::accepted);
    }

    static Stream<CorpusEntry> rejected() {
        return entries().filter(e -> !e.accepted());
    }

    @Test
    void sourcesListsTheWholeCorpus() {
        assertThat(accepted().count()).isEqualTo(61);
        assertThat(rejected().count()).isEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void storedFileIsTheLabelledOne(CorpusEntry entry) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(entry.bytes());
        assertThat(HexFormat.of().formatHex(digest)).isEqualTo(entry.label("sha256"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptedFileParsesWithTheLabelledNamesAndIncludes(CorpusEntry entry) {
        JailConf conf = JailConfParser.parse(entry.text(), entry.file());

        assertThat(conf.jailNames()).isEqualTo(entry.listLabel("names"));
        assertThat(conf.includes()).isEqualTo(entry.listLabel("includes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectedFileFailsWithJailsOwnMessages(CorpusEntry entry) {
        String fileName = "/etc/" + entry.file();
        JailConfException error = catchThrowableOfType(JailConfException.class,
                () -> JailConfParser.parse(entry.text(), fileName));

        assertThat(error).as("expected a parse error").isNotNull();
        List<String> expected = entry.errorLines(fileName);
        assertThat(error.firstLine()).isEqualTo(expected.get(0));
        assertThat(error.lines()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void renderedFileParsesBackToTheSameModel(CorpusEntry entry) {
        JailConf conf = JailConfParser.parse(entry.text(), entry.file());

        String rendered = JailConfRenderer.render(conf);

        assertThat(JailConfParser.parse(rendered, "rendered")).isEqualTo(conf);
        assertThat(JailConfRenderer.render(JailConfParser.parse(rendered, "rendered"))).isEqualTo(rendered);
    }
}
