package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** jexec(8) through the jail view {@link PrefixedHost#jail}. */
class JexecTest {
    private final ScriptedHost host = new ScriptedHost();

    @AfterEach
    void everyExpectedCommandRan() {
        host.assertAllRan();
    }

    private PrefixedHost jail(String name) {
        return PrefixedHost.jail(host, name, "/zdata/jails/containers/" + name);
    }

    @Test
    void coversEveryTranscript() {
        assertThat(Transcript.filesOf("jexec")).containsExactly("jexec/001.txt", "jexec/002.txt");
        assertThat(Transcript.filesOf("jexec-error")).containsExactly("jexec-error/001.txt");
    }

    @Test
    void runsByNameAndByJid() {
        Transcript byName = Transcript.load("jexec/001.txt");
        Transcript byJid = Transcript.load("jexec/002.txt");
        assertThat(byName.command()).isEqualTo("jexec ioc-pkg-repo hostname");
        host.expect("jexec", "ioc-pkg-repo", "hostname").stdout(byName.output());
        host.expect("jexec", "2", "hostname").stdout(byJid.output());

        assertThat(jail("ioc-pkg-repo").run(Command.of("hostname")).stdout()).isEqualTo("pkg-repo\n");
        assertThat(jail("2").run(Command.of("hostname")).stdout()).isEqualTo("pkg-repo\n");
    }

    @Test
    void missingJailThrowsJailNotRunning() {
        Transcript t = Transcript.load("jexec-error/001.txt");
        assertThat(JexecParser.missingJail(t.output())).contains("pkg-repo");
        host.expect("jexec", "pkg-repo", "hostname").exit(1).stderr(t.output());

        assertThatThrownBy(() -> jail("pkg-repo").run(Command.of("hostname")))
                .isInstanceOf(JailNotRunningException.class)
                .hasMessageContaining("jail 'pkg-repo' is not running")
                .satisfies(e -> assertThat(((JailNotRunningException) e).jail()).isEqualTo("pkg-repo"));
    }

    @Test
    void commandsOwnFailureIsReturnedNotThrownAlsoInAChroot() {
        host.expect("jexec", "rocky", "chroot", "/compat/rocky", "dnf", "-y", "install", "nope").exit(1)
                .stderr("Error: Unable to find a match: nope\n");

        CommandResult r = jail("rocky").chroot("/compat/rocky")
                .run(Command.of("dnf", "-y", "install", "nope").withTimeout(Duration.ofMinutes(10)));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.command().timeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aDyingJailIsNotRunningEither() {
        // jexec.c errx(1, "%s", jail_errmsg) with kern_jail_get's text [UNVERIFIED: an unpinned 14-era copy,
        // not releng/14.3]
        host.expect("jexec", "lrdev", "hostname").exit(1).stderr("jexec: jail \"lrdev\" is dying\n");

        assertThatThrownBy(() -> jail("lrdev").run(Command.of("hostname")))
                .isInstanceOf(JailNotRunningException.class)
                .hasMessageContaining("jail 'lrdev' is dying")
                .satisfies(e -> assertThat(((JailNotRunningException) e).dying()).isTrue());
        assertThat(JexecParser.missingJail("jexec: jail 7 is dying\n")).contains("7");
        assertThat(JexecParser.dying("jexec: jail \"x\" not found\n")).isFalse();
    }

    @Test
    void numericJidForm() {
        assertThat(JexecParser.missingJail("jexec: jail 42 not found\n")).contains("42");
        assertThat(JexecParser.missingJail("jexec: execvp: nope: No such file or directory\n")).isEmpty();
    }

    @Test
    void refusesBadNamesBeforeAnythingRuns() {
        assertThatThrownBy(() -> jail("rocky;reboot")).hasMessageContaining("invalid jail name");
        assertThat(host.ran()).isEmpty();
    }
}
