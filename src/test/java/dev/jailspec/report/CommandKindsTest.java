package dev.jailspec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandKindsTest {
    private static List<String> argv(String line) {
        return List.of(line.split(" "));
    }

    @Test
    void jexecChrootAndEnvInFrontAreWhereACommandRunsNotWhatItIs() {
        assertThat(CommandKinds.inner(argv("jexec lrdev chroot /compat/rocky dnf -y update"))).isEqualTo(argv("dnf -y update"));
        assertThat(CommandKinds.inner(argv("jexec -l -U root lrdev ifconfig epair253b"))).isEqualTo(argv("ifconfig epair253b"));
        assertThat(CommandKinds.inner(argv("env PAGER=cat freebsd-update fetch"))).isEqualTo(argv("freebsd-update fetch"));
        assertThat(CommandKinds.inner(argv("jexec lrdev"))).isEqualTo(argv("jexec lrdev"));
        assertThat(CommandKinds.where(argv("jexec lrdev chroot /compat/rocky cat /etc/os-release")))
                .isEqualTo("jail lrdev, chroot /compat/rocky");
        assertThat(CommandKinds.where(argv("zfs list"))).isEmpty();
    }

    @Test
    void probesOnlyReadState() {
        for (String probe : List.of("zfs list -H -o name zdata/jails", "zfs get -H origin zdata/jails", "zfs version",
                "jls -j lrdev", "sysrc linux_enable", "sysrc -n jail_enable", "kldstat -q -m linux64", "freebsd-version -kru",
                "jexec lrdev ifconfig epair253b", "jexec lrdev route -n get default", "jexec lrdev mount", "id -u",
                "jexec lrdev chroot /compat/rocky rpm -qa", "jexec lrdev chroot /compat/rocky dnf config-manager --help",
                "sha256 -q /zdata/jails/media/base.txz", "tar -tf base.txz")) {
            assertThat(CommandKinds.isProbe(argv(probe))).as(probe).isTrue();
        }
        for (String change : List.of("zfs clone a@b c", "zfs create -p zdata/jails", "zfs destroy -r x", "sysrc jail_enable=YES",
                "sysrc -x jail_enable", "service jail start lrdev", "ifconfig epair253 create", "ifconfig bridge0 addm epair253a up",
                "mount -t devfs devfs /x", "tar -xpf a.tar -C /x", "mkdir -p /etc/jail.conf.d", "rm -f /etc/jail.conf.d/lrdev.conf",
                "jexec lrdev chroot /compat/rocky dnf -y update", "sysctl kern.x=1", "route add default 192.168.7.221")) {
            assertThat(CommandKinds.isProbe(argv(change))).as(change).isFalse();
        }
    }

    @Test
    void longActivitiesAreDownloadsExtractionsUpdatesAndDnf() {
        assertThat(CommandKinds.longActivity(argv("fetch -o /tmp/x https://h/x"))).contains(CommandKinds.DOWNLOAD);
        assertThat(CommandKinds.longActivity(argv("tar -xf base.txz -C /t"))).contains(CommandKinds.EXTRACT);
        assertThat(CommandKinds.longActivity(argv("tar xfp base.txz"))).contains(CommandKinds.EXTRACT);
        assertThat(CommandKinds.longActivity(argv("freebsd-update -b /t fetch"))).contains(CommandKinds.UPDATE);
        assertThat(CommandKinds.longActivity(argv("jexec lrdev chroot /compat/rocky dnf -y makecache"))).contains(CommandKinds.DNF);
        assertThat(CommandKinds.longActivity(argv("tar -tf base.txz"))).isEmpty();
        assertThat(CommandKinds.longActivity(argv("dnf repolist"))).isEmpty();
        assertThat(CommandKinds.longActivity(argv("zfs clone a@b c"))).isEmpty();
    }

    @Test
    void zfsListingsWithColumnsAndOsReleaseReadsAreRecognised() {
        assertThat(CommandKinds.zfsListColumns(argv("zfs list -H -p -o name,type,origin -r zdata/jails")))
                .contains(List.of("name", "type", "origin"));
        assertThat(CommandKinds.zfsListColumns(argv("zfs list -H -o name zdata/jails"))).isEqualTo(Optional.empty());
        assertThat(CommandKinds.isOsRelease(argv("jexec lrdev chroot /compat/rocky cat /etc/os-release"))).isTrue();
        assertThat(CommandKinds.isOsRelease(argv("cat /etc/hosts"))).isFalse();
    }
}
