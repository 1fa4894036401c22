package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.freebsd.ZfsPropertySource.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ZfsGetParserTest {

    private static ZfsProperty prop(String ds, String name, String value, String source) {
        return new ZfsProperty(ds, name, value, ZfsPropertySource.parse(source));
    }

    private static final Map<String, Consumer<List<ZfsProperty>>> TABLES = Map.ofEntries(
            Map.entry("zfs-get/001.txt", p -> assertThat(p).containsExactly(
                    prop("zroot/var/newname", "custom:costcenter", "1234", "local"))),
            Map.entry("zfs-get/002.txt", p -> {
                assertThat(p).containsExactly(prop("zroot/var/newname", "custom:costcenter", "-", "-"));
                assertThat(p.get(0).valueIfSet()).isEmpty();
                assertThat(p.get(0).source().kind()).isEqualTo(Kind.NONE);
            }),
            Map.entry("zfs-get/003.txt", p -> assertThat(p).containsExactly(
                    prop("zroot/home", "sharenfs", "off", "default"))),
            Map.entry("zfs-get/004.txt", p -> assertThat(p).containsExactly(
                    prop("zroot/home", "sharenfs", "-alldirs,-maproot=root,-network=192.168.1.0/24", "local"))),
            Map.entry("zfs-get/005.txt", p -> assertThat(p.get(0).value()).isEqualTo("hidden")),
            Map.entry("zfs-get/006.txt", p -> {
                assertThat(p.get(0).valueIfSet()).isEqualTo(Optional.of("zroot/home/ykla@test"));
                assertThat(p.get(0).source().kind()).isEqualTo(Kind.NONE);
            }),
            Map.entry("zfs-get/007.txt", p -> assertThat(p.get(0).valueIfSet()).isEmpty()),
            Map.entry("zfs-get/008.txt", p -> assertThat(p).containsExactly(
                    prop("zroot/home/safreya/secret", "mounted", "yes", "-"))),
            Map.entry("zfs-get/009.txt", p -> assertThat(p.get(0).value()).isEqualTo("no")),
            Map.entry("zfs-get/010.txt", p -> {
                assertThat(p).hasSize(14);
                assertThat(p).filteredOn(x -> x.source().kind() == Kind.LOCAL).extracting(ZfsProperty::dataset)
                        .containsExactly("zroot/ROOT/default", "zroot/usr", "zroot/var");
                assertThat(p.get(2).value()).isEqualTo("noauto");
            }));

    static Stream<String> transcripts() {
        return Transcript.filesOf("zfs-get").stream();
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void parsesEveryZfsGetTranscript(String file) {
        assertThat(TABLES).as("expectations for " + file).containsKey(file);
        TABLES.get(file).accept(ZfsGetParser.parseTable(Transcript.load(file).output()));
    }

    @Test
    void parsesScriptedLinesFromFacts() {
        // freebsd-facts 1.4, verbatim examples
        var p = ZfsGetParser.parseScripted("zroot/jails\tcom.example:owner\t-\t-\n"
                + "zroot/jails\tcom.example:owner\talice\tlocal\n"
                + "zroot/jails/a\tcom.example:owner\talice\tinherited from zroot/jails\n"
                + "zroot/jails\tcompression\tlz4\tdefault\n"
                + "zroot/jails\tquota\t0\treceived\n");

        assertThat(p).hasSize(5);
        assertThat(p.get(0).valueIfSet()).isEmpty();
        assertThat(p.get(1).source().kind()).isEqualTo(Kind.LOCAL);
        assertThat(p.get(2).source()).isEqualTo(new ZfsPropertySource(Kind.INHERITED, Optional.of("zroot/jails")));
        assertThat(p.get(3).source().kind()).isEqualTo(Kind.DEFAULT);
        assertThat(p.get(4).source().kind()).isEqualTo(Kind.RECEIVED);
    }

    @Test
    void scriptedValueMayContainATab() {
        var p = ZfsGetParser.parseScripted("zroot/jails\tcom.example:note\ta\tb\tlocal\n");
        assertThat(p.get(0).value()).isEqualTo("a\tb");
    }

    @Test
    void unknownSourceIsRejected() {
        assertThatThrownBy(() -> ZfsGetParser.parseScripted("zroot\tcompression\tlz4\tmagic\n"))
                .hasMessageContaining("unknown zfs property source 'magic'");
    }
}
