package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.CommandKind;
import dev.jailspec.event.Highlight;
import dev.jailspec.host.Command;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed tools say what their commands are: a probe or a change, their kind, what to highlight. */
class CommandIntentTest {
    private final ScriptedHost host = new ScriptedHost();

    private Command last() {
        List<Command> ran = host.ran();
        return ran.get(ran.size() - 1);
    }

    @Test
    void readingToolsIssueProbes() {
        host.expect("zfs", "list", "-H", "-o", "name", "zdata/jails");
        new Zfs(host).exists("zdata/jails");
        assertThat(last().readOnly()).as("zfs list -o name").isTrue();

        host.expect("zfs", "version").stdout("zfs-2.2.7-FreeBSD_ge269af1b3\nzfs-kmod-2.2.7-FreeBSD_ge269af1b3\n");
        new Zfs(host).version();
        assertThat(last().readOnly()).as("zfs version").isTrue();

        host.expect("sysrc", "linux_enable").stdout("linux_enable: YES\n");
        new Sysrc(host).get("linux_enable");
        assertThat(last().readOnly()).as("sysrc NAME").isTrue();

        host.expect("kldstat", "-q", "-n", "linux64.ko");
        new Kldstat(host).isFileLoaded("linux64.ko");
        assertThat(last().readOnly()).as("kldstat -q -n").isTrue();

        host.expect("freebsd-version", "-u").stdout("14.3-RELEASE-p6\n");
        new FreebsdVersion(host).userland();
        assertThat(last().readOnly()).as("freebsd-version -u").isTrue();
        assertThat(host.ran()).extracting(Command::kind).containsOnly(CommandKind.DEFAULT);
    }

    @Test
    void changingToolsIssueChanges() {
        host.expect("zfs", "create", "-p", "zdata/jails");
        new Zfs(host).create("zdata/jails", true, Map.of());
        host.expect("sysrc", "jail_enable=YES").stdout("jail_enable: NO -> YES\n");
        new Sysrc(host).set("jail_enable", "YES");
        host.expect("sysrc", "-x", "jail_enable");
        new Sysrc(host).delete("jail_enable");

        assertThat(host.ran()).extracting(Command::readOnly).containsOnly(false);
    }

    @Test
    void aZfsListingIsAProbeShownAsATableUnderZfsColumnNames() {
        host.expect("zfs", "list", "-H", "-p", "-o", ZfsListParser.COLUMNS, "-r", "zdata/jails")
                .stdout("zdata/jails\tfilesystem\t1\t2\t3\t/zdata/jails\t-\n");
        new Zfs(host).list("zdata/jails", true);

        assertThat(last().readOnly()).isTrue();
        assertThat(last().intent().highlight()).isEqualTo(new Highlight.Table("zfs list zdata/jails",
                List.of(ZfsListParser.COLUMNS.split(","))));
    }

    @Test
    void serviceJailIsOfKindJail() {
        host.expect("service", "jail", "start", "lrdev").stdout("Starting jails: lrdev.\n");
        new JailService(host).start("lrdev");

        assertThat(last().kind()).isEqualTo(CommandKind.JAIL);
        assertThat(last().readOnly()).isFalse();
    }

    @Test
    void aJailViewKeepsWhatTheCallerWroteAndWhereItRuns() {
        host.expect("jexec", "lrdev", "chroot", "/compat/rocky", "rpm", "-qa");
        PrefixedHost.jail(host, "lrdev", "/zdata/jails/containers/lrdev").chroot("/compat/rocky")
                .run(Command.probe("rpm", "-qa"));

        assertThat(last().argv()).containsExactly("jexec", "lrdev", "chroot", "/compat/rocky", "rpm", "-qa");
        assertThat(last().innerArgv()).containsExactly("rpm", "-qa");
        assertThat(last().within()).containsExactly("jail lrdev", "chroot /compat/rocky");
        assertThat(last().readOnly()).isTrue();
    }
}
