package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ZfsListParserTest {

    /** Transcripts are human tables; the harness's own -H -p form is tested with facts-file lines below. */
    private static final Map<String, Consumer<List<ZfsListRow>>> TABLES = Map.ofEntries(
            Map.entry("zfs-list/001.txt", rows -> {
                assertThat(rows).hasSize(15);
                assertThat(rows.get(0)).isEqualTo(new ZfsListRow("zroot", "916M", "49.0G", "96K", "/zroot"));
                assertThat(rows.get(2).mountpoint()).isEqualTo("/");
                assertThat(rows.get(3).usedBytesApprox()).isEqualTo(OptionalLong.of(Math.round(27.8 * 1024 * 1024)));
            }),
            Map.entry("zfs-list/002.txt", rows -> assertThat(rows).containsExactly(
                    new ZfsListRow("zroot/fat32", "3.05G", "49.0G", "56K", "-"))),
            Map.entry("zfs-list/003.txt", rows -> {
                assertThat(rows).extracting(ZfsListRow::name).containsExactly("zdata", "zdata/docs");
                assertThat(rows.get(1).mountpoint()).isEqualTo("/home/docs");
                assertThat(rows.get(0).avail()).isEqualTo("6.12T");
            }),
            Map.entry("zfs-list/004.txt", rows -> {
                assertThat(rows).hasSize(14);
                assertThat(rows.get(0).mountpoint()).isEqualTo("none");
                assertThat(rows.get(13).name()).isEqualTo("zroot/var/tmp");
            }),
            Map.entry("zfs-list/005.txt", rows -> {
                assertThat(rows).hasSize(15);
                assertThat(rows.get(3)).isEqualTo(new ZfsListRow("zroot/exclude", "1.16M", "18.5G", "96K", "none"));
            }),
            Map.entry("zfs-list/006.txt", rows -> { // piped through grep: no header
                assertThat(rows).hasSize(19);
                assertThat(rows.get(0)).isEqualTo(new ZfsListRow("zroot/iocage", "4.69G", "446G", "5.08M", "/zroot/iocage"));
                assertThat(rows.get(18).refer()).isEqualTo("3.53G");
            }),
            Map.entry("zfs-list-r/001.txt", rows -> {
                assertThat(rows).extracting(ZfsListRow::name).containsExactly(
                        "zroot/home", "zroot/home@test", "zroot/home/ykla", "zroot/home/ykla@test");
                assertThat(rows.get(1)).isEqualTo(new ZfsListRow("zroot/home@test", "0B", "-", "96K", "-"));
                assertThat(rows.get(1).usedBytesApprox()).isEqualTo(OptionalLong.of(0));
                assertThat(rows.get(1).availBytesApprox()).isEmpty();
            }),
            Map.entry("zfs-list-r/002.txt", rows -> {
                assertThat(rows).hasSize(3);
                assertThat(rows.get(1).usedBytesApprox()).isEqualTo(OptionalLong.of(64 * 1024));
            }),
            Map.entry("zfs-list-r/003.txt", rows -> assertThat(rows).extracting(ZfsListRow::name)
                    .containsExactly("zroot/var/tmp@test", "zroot/var/tmp@test2", "zroot/var/tmp@diff")),
            Map.entry("zfs-list-r/004.txt", rows -> { // OpenZFS 2.0: wider REFER column
                assertThat(rows).hasSize(3);
                assertThat(rows.get(1)).isEqualTo(new ZfsListRow("zroot/ROOT/13.0.w520", "12.8G", "96.8G", "11.6G", "/"));
                assertThat(rows.get(2).used()).isEqualTo("8K");
            }),
            Map.entry("zfs-list-t-snapshot/001.txt", rows -> assertThat(rows).containsExactly(
                    new ZfsListRow("zroot/usr/mydataset@01", "0B", "-", "96K", "-"))),
            Map.entry("zfs-list-t-snapshot/002.txt", rows -> assertThat(rows).extracting(ZfsListRow::name)
                    .containsExactly("zroot/var/newname@01", "zroot/var/newname@03")),
            Map.entry("zfs-list-t-snapshot/003.txt", rows -> assertThat(rows).isEmpty()),
            Map.entry("zfs-list-t-snapshot/004.txt", rows -> {
                assertThat(rows).hasSize(1);
                assertThat(rows.get(0).refer()).isEqualTo("7.70G");
            }));

    static Stream<String> tableTranscripts() {
        return Stream.of("zfs-list", "zfs-list-r", "zfs-list-t-snapshot").flatMap(c -> Transcript.filesOf(c).stream());
    }

    @ParameterizedTest
    @MethodSource("tableTranscripts")
    void parsesEveryZfsListTranscript(String file) {
        assertThat(TABLES).as("expectations for " + file).containsKey(file);
        String output = Transcript.load(file).output();
        if (file.equals("zfs-list/001.txt")) {
            output = withoutMarkdownFence(output);
        }
        TABLES.get(file).accept(ZfsListParser.parseTable(output));
    }

    @Test
    void transcriptWithStrayMarkdownFenceIsRejectedNotSkipped() {
        // zfs-list/001.txt ends with a "```" line from the source page; no zfs prints that.
        String output = Transcript.load("zfs-list/001.txt").output();
        assertThat(output).endsWith("```\n");
        assertThatThrownBy(() -> ZfsListParser.parseTable(output)).hasMessageContaining("```");
    }

    @Test
    void parsesScriptedLinesWithDashes() {
        // freebsd-facts 1.3: -H TAB-separated, -p integer bytes, '-' where a column does not apply
        var rows = ZfsListParser.parseScripted(
                "zroot\tfilesystem\t960495616\t52613349376\t98304\tnone\t-\n"
                        + "zroot/home@now\tsnapshot\t0\t-\t26624\t-\t-\n"
                        + "zroot/vol\tvolume\t1073741824\t52613349376\t57344\t-\t-\n");

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).mountpoint()).contains("none");
        assertThat(rows.get(0).used()).isEqualTo(OptionalLong.of(960495616L));
        assertThat(rows.get(1).type()).isEqualTo(ZfsType.SNAPSHOT);
        assertThat(rows.get(1).available()).isEmpty();
        assertThat(rows.get(1).referenced()).isEqualTo(OptionalLong.of(26624));
        assertThat(rows.get(2).type()).isEqualTo(ZfsType.VOLUME);
        assertThat(rows.get(2).isClone()).isFalse();
    }

    @Test
    void scriptedParserRejectsHumanSizesAndWrongColumnCounts() {
        assertThatThrownBy(() -> ZfsListParser.parseScripted("zroot\tfilesystem\t916M\t49.0G\t96K\t/zroot\t-\n"))
                .hasMessageContaining("exact bytes").hasMessageContaining("916M");
        assertThatThrownBy(() -> ZfsListParser.parseScripted("zroot\t960495616\t52613349376\n"))
                .hasMessageContaining("expected 7");
    }

    @Test
    void humanSizesUse1024() {
        assertThat(ZfsListParser.humanBytes("0")).isEqualTo(OptionalLong.of(0));
        assertThat(ZfsListParser.humanBytes("96K")).isEqualTo(OptionalLong.of(98304));
        assertThat(ZfsListParser.humanBytes("1.5G")).isEqualTo(OptionalLong.of(1610612736L));
        assertThat(ZfsListParser.humanBytes("-")).isEmpty();
        assertThatThrownBy(() -> ZfsListParser.humanBytes("12 MB")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String withoutMarkdownFence(String output) {
        assertThat(output).endsWith("```\n");
        return output.substring(0, output.length() - "```\n".length());
    }
}
