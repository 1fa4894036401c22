package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UnameTest {

    private static final Map<String, Consumer<Transcript>> TRANSCRIPTS = Map.of(
            "uname-a/001.txt", t -> {
                UnameInfo u = UnameParser.parseAll(t.output());
                assertThat(u.sysname()).isEqualTo("FreeBSD");
                assertThat(u.nodename()).isEqualTo("ykla");
                assertThat(u.release()).isEqualTo("16.0-CURRENT");
                assertThat(u.machine()).isEqualTo("amd64");
                assertThat(u.version()).isEqualTo("FreeBSD 16.0-CURRENT #0: Sat May  2 12:39:42 CST 2026     "
                        + "ykla@ykla:/usr/obj/usr/src/amd64.amd64/sys/MYKERNEL");
                assertThat(u.kernelIdent()).isEqualTo("MYKERNEL");
            },
            "uname-a/002.txt", t -> { // GNU uname inside a Linux jail
                UnameInfo u = UnameParser.parseAll(t.output());
                assertThat(u).isEqualTo(new UnameInfo("Linux", "devuan0.bsd.am", "4.4.0",
                        "FreeBSD 13.2-RELEASE releng/13.2-n254617-525ecfdad597 GENERIC", "x86_64"));
            },
            "uname-a/003.txt", t -> {
                UnameInfo u = UnameParser.parseAll(t.output());
                assertThat(u).isEqualTo(new UnameInfo("FreeBSD", "test", "14.1-RELEASE",
                        "FreeBSD 14.1-RELEASE releng/14.1-n267679-10e31f0946d8 GENERIC", "amd64"));
                assertThat(ReleaseVersion.parse(u.release())).isEqualTo(new ReleaseVersion(14, 1, "RELEASE", 0));
            },
            "uname-v/001.txt", t -> assertThat(UnameParser.kernelIdent(t.output())).isEqualTo("GENERIC"));

    static Stream<String> transcripts() {
        return Stream.of("uname-a", "uname-v").flatMap(c -> Transcript.filesOf(c).stream());
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void parsesEveryUnameTranscript(String file) {
        assertThat(TRANSCRIPTS).as("expectations for " + file).containsKey(file);
        TRANSCRIPTS.get(file).accept(Transcript.load(file));
    }

    @Test
    void gnuFormWithKnownProcessorAndPlatform() {
        UnameInfo u = UnameParser.parseAll("Linux h 5.15.0 #1 SMP Tue Jan 1 00:00:00 UTC 2024 x86_64 x86_64 x86_64 GNU/Linux\n");
        assertThat(u.version()).isEqualTo("#1 SMP Tue Jan 1 00:00:00 UTC 2024");
        assertThat(u.machine()).isEqualTo("x86_64");
    }

    @Test
    void typedOps() {
        ScriptedHost host = new ScriptedHost();
        host.expect("uname", "-r").stdout("14.3-RELEASE-p2\n");
        host.expect("uname", "-m").stdout("amd64\n");
        host.expect("uname", "-a").stdout(Transcript.load("uname-a/003.txt").output());

        Uname uname = new Uname(host);
        assertThat(uname.release()).isEqualTo("14.3-RELEASE-p2");
        assertThat(uname.machine()).isEqualTo("amd64");
        assertThat(uname.all().nodename()).isEqualTo("test");
        host.assertAllRan();
    }

    @Test
    void tooFewFieldsIsRejected() {
        assertThatThrownBy(() -> UnameParser.parseAll("FreeBSD host\n")).hasMessageContaining("uname -a should print");
    }
}
