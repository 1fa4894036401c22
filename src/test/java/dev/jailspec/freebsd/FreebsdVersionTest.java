package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FreebsdVersionTest {

    /** kernel | running | userland | reboot pending */
    private static final Map<String, String> KRU = Map.of(
            "freebsd-version-kru/001.txt", "14.3-RELEASE|14.3-RELEASE|14.3-RELEASE|false",
            "freebsd-version-kru/002.txt", "14.3-RELEASE-p5|14.3-RELEASE|14.3-RELEASE-p6|true",
            "freebsd-version-kru/003.txt", "14.3-RELEASE-p5|14.3-RELEASE-p5|14.3-RELEASE-p6|false",
            "freebsd-version-kru/004.txt", "15.0-RELEASE|14.3-RELEASE-p5|14.3-RELEASE-p6|true",
            "freebsd-version-kru/005.txt", "15.0-RELEASE|15.0-RELEASE|15.0-RELEASE|false",
            "freebsd-version-kru/006.txt", "14.3-RELEASE|14.3-RELEASE|14.3-RELEASE|false");

    static Stream<String> transcripts() {
        return Transcript.filesOf("freebsd-version-kru").stream();
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void parsesEveryTranscript(String file) {
        assertThat(KRU).as("expectations for " + file).containsKey(file);
        String[] want = KRU.get(file).split("\\|");
        FreebsdVersions v = FreebsdVersions.parse(Transcript.load(file).output());
        assertThat(v.kernel()).hasToString(want[0]);
        assertThat(v.running()).hasToString(want[1]);
        assertThat(v.userland()).hasToString(want[2]);
        assertThat(v.rebootPending()).isEqualTo(Boolean.parseBoolean(want[3]));
    }

    @Test
    void typedOpRunsKru() {
        ScriptedHost host = new ScriptedHost();
        host.expect("freebsd-version", "-kru").stdout(Transcript.load("freebsd-version-kru/004.txt").output());
        host.expect("freebsd-version", "-u").stdout("14.3-RELEASE-p6\n");

        FreebsdVersion fv = new FreebsdVersion(host);
        assertThat(fv.versions().kernel()).isEqualTo(new ReleaseVersion(15, 0, "RELEASE", 0));
        assertThat(fv.userland()).isEqualTo(new ReleaseVersion(14, 3, "RELEASE", 6));
        host.assertAllRan();
    }

    @ParameterizedTest
    @CsvSource({
            "14.3-RELEASE-p2, 14, 3, RELEASE, 2",
            "15.0-CURRENT,    15, 0, CURRENT, 0",
            "14.3-STABLE,     14, 3, STABLE,  0",
            "15.0-BETA3,      15, 0, BETA3,   0",
            "14.2-RC1-p1,     14, 2, RC1,     1",
    })
    void parsesReleaseVersions(String text, int major, int minor, String branch, int patch) {
        ReleaseVersion v = ReleaseVersion.parse(text);
        assertThat(v).isEqualTo(new ReleaseVersion(major, minor, branch, patch));
        assertThat(v).hasToString(text);
    }

    @Test
    void ordersByNumbersStageAndPatch() {
        assertThat(Stream.of("14.3-RELEASE-p2", "15.0-CURRENT", "14.3-RELEASE", "14.3-STABLE", "14.3-RC2",
                        "14.3-BETA1", "14.3-RC1", "14.10-RELEASE", "14.3-RELEASE-p10")
                .map(ReleaseVersion::parse).sorted().map(ReleaseVersion::toString))
                .containsExactly("14.3-BETA1", "14.3-RC1", "14.3-RC2", "14.3-RELEASE", "14.3-RELEASE-p2",
                        "14.3-RELEASE-p10", "14.3-STABLE", "14.10-RELEASE", "15.0-CURRENT");
        assertThat(ReleaseVersion.parse("14.3-RELEASE-p6").withoutPatch()).isEqualTo("14.3-RELEASE");
    }

    @Test
    void rejectsOtherText() {
        assertThatThrownBy(() -> ReleaseVersion.parse("5.15.0")).hasMessageContaining("not a FreeBSD version");
        assertThatThrownBy(() -> FreebsdVersions.parse("14.3-RELEASE\n")).hasMessageContaining("3 lines");
    }
}
