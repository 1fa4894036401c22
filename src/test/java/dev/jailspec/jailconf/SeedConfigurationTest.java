package dev.jailspec.jailconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's /etc/jail.conf (jail.conf_common) with /etc/jail.conf.d/lrdev.conf reached through
 * its {@code .include "/etc/jail.conf.d/*.conf"} glob.
 */
class SeedConfigurationTest {

    private static JailConfSet set;
    private static JailParameters lrdev;

    @BeforeAll
    static void load() {
        set = JailConfLoader.load("/etc/jail.conf", JailConfFiles.under(TestResources.directory("jailconf-seed")));
        lrdev = set.effective("lrdev").orElseThrow();
    }

    @Test
    void theIncludeGlobReachesLrdev() {
        assertThat(set.files()).extracting(LoadedConfFile::path)
                .containsExactly("/etc/jail.conf", "/etc/jail.conf.d/lrdev.conf");
        assertThat(set.jailNames()).containsExactly("lrdev");
        assertThat(set.root().jailNames()).isEmpty();
        assertThat(set.effective("ldev")).isEmpty();
    }

    @Test
    void rcdJailSeesThatJailConfIncludesJailConfD() {
        assertThat(set.includesPath("/etc/jail.conf.d/")).isTrue();
        assertThat(set.includesPath("/etc/jail.conf.d")).isTrue();
        assertThat(set.includesPath("/etc/jail.conf.d/lrdev.conf")).isTrue();
        assertThat(set.includesPath("/etc/jail.conf.d/lrdev.txt")).isFalse();
        assertThat(set.includesPath("/usr/local/etc/jail.conf.d/")).isFalse();
    }

    @Test
    void pathAndNameComeFromTheJailBlock() {
        assertThat(lrdev.name()).isEqualTo("lrdev");
        assertThat(lrdev.value("path")).hasValue("/zdata/jails/containers/lrdev");
        assertThat(lrdev.value("host.hostname")).hasValue("lrdev");
        assertThat(lrdev.value("exec.consolelog")).hasValue("/var/log/jail_console_lrdev.log");
        assertThat(lrdev.value("devfs_ruleset")).hasValue("4");
        assertThat(lrdev.value("enforce_statfs")).hasValue("1");
    }

    @Test
    void globalVariablesAreExpandedWithTheJailsId() {
        assertThat(lrdev.values("vnet.interface")).containsExactly("epair253b");
        assertThat(lrdev.values("exec.prestart")).containsExactly(
                "ifconfig epair253 create up",
                "ifconfig epair253a up descr jail:lrdev",
                "ifconfig igc0bridge addm epair253a up");
        assertThat(lrdev.values("exec.start")).containsExactly(
                "/bin/sh /etc/rc",
                "ifconfig epair253b 192.168.7.253/24 up",
                "route add default 192.168.7.221");
        assertThat(lrdev.values("exec.poststop")).containsExactly(
                "ifconfig igc0bridge deletem epair253a",
                "ifconfig epair253a destroy");
    }

    @Test
    void mountLinesUseTheJailPathAndTheRockyUserland() {
        String root = "/zdata/jails/containers/lrdev/compat/rocky";
        assertThat(lrdev.values("mount")).containsExactly(
                "devfs     " + root + "/dev     devfs     rw  0 0",
                "tmpfs     " + root + "/dev/shm tmpfs     rw,size=1g,mode=1777  0 0",
                "fdescfs   " + root + "/dev/fd  fdescfs   rw,linrdlnk 0 0",
                "linprocfs " + root + "/proc    linprocfs rw  0 0",
                "linsysfs  " + root + "/sys     linsysfs  rw  0 0",
                "/tmp      " + root + "/tmp     nullfs    rw  0 0",
                "/home     " + root + "/home    nullfs    rw  0 0");
    }

    @Test
    void booleansAreSetAndVariablesAreNotParameters() {
        assertThat(lrdev.flag("allow.mount")).isTrue();
        assertThat(lrdev.flag("allow.mount.devfs")).isTrue();
        assertThat(lrdev.flag("vnet")).isTrue();
        assertThat(lrdev.flag("mount.devfs")).isTrue();
        assertThat(lrdev.flag("persist")).isFalse();
        assertThat(lrdev.isSet("persist")).isFalse();
        assertThat(lrdev.asMap()).doesNotContainKeys("id", "ip", "epair", "bridge", "gateway");
        assertThat(lrdev.asMap().values()).allSatisfy(values ->
                assertThat(values).noneMatch(v -> v.contains("$")));
        assertThat(lrdev.asMap()).containsEntry("name", List.of("lrdev"));
    }
}
