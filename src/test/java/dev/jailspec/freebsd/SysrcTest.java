package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.CommandFailedException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SysrcTest {
    private final ScriptedHost host = new ScriptedHost();

    @AfterEach
    void everyExpectedCommandRan() {
        host.assertAllRan();
    }

    private static final Map<String, Consumer<Transcript>> GET = Map.of(
            "sysrc-get/001.txt", t -> assertThat(SysrcParser.parseValues(t.output()))
                    .containsExactly(Map.entry("test_enable", "NO")),
            "sysrc-get/002.txt", t -> assertThat(SysrcParser.parseValues(t.output()))
                    .containsExactly(Map.entry("test_enable", "NO"), Map.entry("test_list", "item1 item2")),
            "sysrc-get/003.txt", t -> { // empty value: "test2_list: " with a trailing space
                assertThat(t.output()).isEqualTo("test2_list: \n");
                assertThat(SysrcParser.parseValues(t.output())).containsExactly(Map.entry("test2_list", ""));
            },
            "sysrc-get/004.txt", t -> { // stderr, exit 1: the typed op reports "no such variable"
                assertThat(t.exit()).hasValue(1);
                ScriptedHost h = new ScriptedHost();
                h.expect("sysrc", "-f", "/tmp/rc.conf", "noexist").exit(1).stderr(t.output());
                assertThat(new Sysrc(h).onFile("/tmp/rc.conf").get("noexist")).isEmpty();
            });

    private static final Map<String, Consumer<Transcript>> SET = Map.of(
            "sysrc-set/001.txt", t -> assertThat(SysrcParser.parseChange(t.output()))
                    .isEqualTo(new SysrcChange("test_enable", "", "YES")),
            "sysrc-set/002.txt", t -> assertThat(SysrcParser.parseChange(t.output()))
                    .isEqualTo(new SysrcChange("test_enable", "YES", "NO")),
            "sysrc-set/003.txt", t -> {
                SysrcChange c = SysrcParser.parseChange(t.output());
                assertThat(c).isEqualTo(new SysrcChange("test_enable", "YES", "YES"));
                assertThat(c.changed()).isFalse();
            },
            "sysrc-set/004.txt", t -> assertThat(SysrcParser.parseChange(t.output()))
                    .isEqualTo(new SysrcChange("test_list", "item1", "item1 item2")),
            "sysrc-set/005.txt", t -> assertThat(SysrcParser.parseChange(t.output(), "item1"))
                    .isEqualTo(new SysrcChange("test_list", "item1 item2", "item1")),
            // 006 and 007 hold the shell prompt and command line instead of sysrc's output
            // (a defect of the collected transcript); the parser must refuse them.
            "sysrc-set/006.txt", t -> assertThatThrownBy(() -> SysrcParser.parseChange(t.output()))
                    .hasMessageContaining("not a sysrc output line"),
            "sysrc-set/007.txt", t -> assertThatThrownBy(() -> SysrcParser.parseChange(t.output()))
                    .hasMessageContaining("not a sysrc output line"));

    static Stream<String> transcripts() {
        return Stream.of("sysrc-get", "sysrc-set").flatMap(c -> Transcript.filesOf(c).stream());
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void parsesEverySysrcTranscript(String file) {
        Map<String, Consumer<Transcript>> table = file.startsWith("sysrc-get") ? GET : SET;
        assertThat(table).as("expectations for " + file).containsKey(file);
        table.get(file).accept(Transcript.load(file));
    }

    @Test
    void getReturnsValueAndEmptyStringDistinctly() {
        host.expect("sysrc", "jail_enable").stdout("jail_enable: NO\n");
        host.expect("sysrc", "jail_list").stdout("jail_list: \n");

        Sysrc sysrc = new Sysrc(host);

        assertThat(sysrc.get("jail_enable")).isEqualTo(Optional.of("NO"));
        assertThat(sysrc.get("jail_list")).isEqualTo(Optional.of(""));
    }

    @Test
    void severalVariablesAreReadInOneCommandAnUnknownOneIsEmpty() {
        // sysrc prints the known ones, names the unknown one on stderr, exits 1 (its loop over "$@").
        host.expect("sysrc", "jail_enable", "no_such", "jail_list").exit(1)
                .stdout("jail_enable: NO\njail_list: \n").stderr("sysrc: unknown variable 'no_such'\n");
        host.expect("sysrc", "jail_enable", "linux_enable").exit(2).stderr("sysrc: something else\n");

        assertThat(new Sysrc(host).get(java.util.List.of("jail_enable", "no_such", "jail_list"))).containsExactly(
                Map.entry("jail_enable", Optional.of("NO")), Map.entry("no_such", Optional.empty()),
                Map.entry("jail_list", Optional.of("")));
        assertThatThrownBy(() -> new Sysrc(host).get(java.util.List.of("jail_enable", "linux_enable")))
                .isInstanceOf(CommandFailedException.class).hasMessageContaining("something else");
    }

    @Test
    void severalAssignmentsAndDeletionsAreOneCommandEach() {
        host.expect("sysrc", "jail_enable=YES", "jail_parallel_start=YES")
                .stdout("jail_enable: NO -> YES\njail_parallel_start: NO -> YES\n");
        host.expect("sysrc", "-x", "jail_enable", "jail_parallel_start");
        var assignments = new java.util.LinkedHashMap<String, String>();
        assignments.put("jail_enable", "YES");
        assignments.put("jail_parallel_start", "YES");

        assertThat(new Sysrc(host).set(assignments)).containsExactly(new SysrcChange("jail_enable", "NO", "YES"),
                new SysrcChange("jail_parallel_start", "NO", "YES"));
        new Sysrc(host).delete(java.util.List.of("jail_enable", "jail_parallel_start"));
    }

    @Test
    void setOnFileReportsDefaultAsBefore() {
        // freebsd-facts 5.1 transcript: sysrc -f /etc/rc.conf.d/jail jail_enable="YES" -> jail_enable: NO -> YES
        host.expect("sysrc", "-f", "/etc/rc.conf.d/jail", "jail_enable=YES").stdout("jail_enable: NO -> YES\n");

        SysrcChange c = new Sysrc(host).onFile("/etc/rc.conf.d/jail").set("jail_enable", "YES");

        assertThat(c).isEqualTo(new SysrcChange("jail_enable", "NO", "YES"));
        assertThat(c.changed()).isTrue();
    }

    @Test
    void setOfUnsetVariableHasEmptyBefore() {
        host.expect("sysrc", "nginx_enable=YES").stdout("nginx_enable:  -> YES\n");
        assertThat(new Sysrc(host).set("nginx_enable", "YES").before()).isEmpty();
    }

    @Test
    void setToEmptyString() {
        host.expect("sysrc", "test2_enable=").stdout("test2_enable:  -> \n");
        assertThat(new Sysrc(host).set("test2_enable", "")).isEqualTo(new SysrcChange("test2_enable", "", ""));
    }

    @Test
    void valueContainingArrowIsSplitAtTheKnownValue() {
        host.expect("sysrc", "motd=a -> b").stdout("motd: old -> a -> b\n");
        assertThat(new Sysrc(host).set("motd", "a -> b")).isEqualTo(new SysrcChange("motd", "old", "a -> b"));
    }

    @Test
    void otherFailuresThrow() {
        host.expect("sysrc", "-f", "/nonexistent", "x").exit(1).stderr("sysrc: /nonexistent: No such file or directory\n");
        assertThatThrownBy(() -> new Sysrc(host).onFile("/nonexistent").get("x"))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("No such file or directory");
    }

    @Test
    void badNamesAndValuesFailBeforeRunning() {
        Sysrc sysrc = new Sysrc(host);
        assertThatThrownBy(() -> sysrc.get("-x")).hasMessageContaining("invalid rc.conf variable name '-x'");
        assertThatThrownBy(() -> sysrc.get("a=b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sysrc.set("ok", "line1\nline2")).hasMessageContaining("newline");
        assertThatThrownBy(() -> sysrc.onFile("rc.conf")).hasMessageContaining("absolute");
        assertThat(host.ran()).isEmpty();
    }
}
