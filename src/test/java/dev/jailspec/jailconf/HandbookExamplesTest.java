package dev.jailspec.jailconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jail.conf(5) and Handbook examples quoted in freebsd-facts.md (§2.1, §4.2, §3.4). */
class HandbookExamplesTest {

    private static JailConfSet load(String resource) {
        String text = TestResources.text("jailconf-handbook/" + resource);
        return JailConfLoader.load("/etc/jail.conf", JailConfFiles.inMemory(Map.of("/etc/jail.conf", text)));
    }

    @Test
    void manPageExampleGivesFooTheGlobalDefaultsAndItsAddresses() {
        JailConfSet set = load("jail.conf.5-example.conf");
        JailParameters foo = set.effective("foo").orElseThrow();

        assertThat(set.jailNames()).containsExactly("foo", "bar");
        assertThat(foo.value("path")).hasValue("/var/jail/foo");
        assertThat(foo.value("host.hostname")).hasValue("foo.com");
        assertThat(foo.values("ip4.addr")).containsExactly("10.1.1.1", "10.1.1.2", "10.1.1.3");
        assertThat(foo.values("exec.start")).containsExactly("/bin/sh /etc/rc");
        assertThat(foo.flag("mount.devfs")).isTrue();
        assertThat(foo.flag("exec.clean")).isTrue();
        assertThat(foo.flag("persist")).isFalse();
    }

    @Test
    void manPageExampleLetsBarOverrideTheDefaults() {
        JailParameters bar = load("jail.conf.5-example.conf").effective("bar").orElseThrow();

        assertThat(bar.value("path")).hasValue("/");
        assertThat(bar.values("exec.start")).containsExactly("");
        assertThat(bar.values("exec.stop")).containsExactly("");
        assertThat(bar.isSet("mount.devfs")).isTrue();
        assertThat(bar.flag("mount.devfs")).isFalse();
        assertThat(bar.flag("mount.nodevfs")).isTrue();
        assertThat(bar.asMap()).containsKey("mount.nodevfs").doesNotContainKey("mount.devfs");
        assertThat(bar.flag("persist")).isTrue();
    }

    @Test
    void vnetExampleExpandsVariablesDefinedAfterTheirUse() {
        JailParameters vnet = load("vnet.conf").effective("vnet").orElseThrow();

        assertThat(vnet.value("path")).hasValue("/usr/local/jails/containers/vnet");
        assertThat(vnet.values("vnet.interface")).containsExactly("epair154b");
        assertThat(vnet.values("exec.prestart")).containsExactly(
                "/sbin/ifconfig epair154 create up",
                "/sbin/ifconfig epair154a up descr jail:vnet",
                "/sbin/ifconfig bridge0 addm epair154a up");
        assertThat(vnet.values("exec.start")).containsExactly(
                "/sbin/ifconfig epair154b 192.168.1.154/24 up",
                "/sbin/route add default 192.168.1.1",
                "/bin/sh /etc/rc");
        assertThat(vnet.values("exec.poststop")).containsExactly(
                "/sbin/ifconfig bridge0 deletem epair154a",
                "/sbin/ifconfig epair154a destroy");
        assertThat(vnet.value("devfs_ruleset")).hasValue("5");
        assertThat(vnet.flag("vnet")).isTrue();
        assertThat(vnet.flag("allow.raw_sockets")).isTrue();
    }

    @Test
    void ubuntuExampleMountsTheLinuxFileSystemsUnderTheJailPath() {
        JailParameters ubuntu = load("ubuntu.conf").effective("ubuntu").orElseThrow();
        String root = "/usr/local/jails/containers/ubuntu/compat/ubuntu";

        assertThat(ubuntu.value("host.hostname")).hasValue("ubuntu");
        assertThat(ubuntu.value("ip4.addr")).hasValue("192.168.1.155");
        assertThat(ubuntu.value("interface")).hasValue("em0");
        assertThat(ubuntu.value("exec.consolelog")).hasValue("/var/log/jail_console_ubuntu.log");
        assertThat(ubuntu.values("mount")).hasSize(7).containsExactly(
                "devfs     " + root + "/dev     devfs     rw  0 0",
                "tmpfs     " + root + "/dev/shm tmpfs     rw,size=1g,mode=1777  0 0",
                "fdescfs   " + root + "/dev/fd  fdescfs   rw,linrdlnk 0 0",
                "linprocfs " + root + "/proc    linprocfs rw  0 0",
                "linsysfs  " + root + "/sys     linsysfs  rw  0 0",
                "/tmp      " + root + "/tmp     nullfs    rw  0 0",
                "/home     " + root + "/home    nullfs    rw  0 0");
    }
}
