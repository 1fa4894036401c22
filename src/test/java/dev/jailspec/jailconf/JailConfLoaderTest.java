package dev.jailspec.jailconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Include order and the way jail(8) merges global, wildcard and jail parameters. */
class JailConfLoaderTest {

    private static final String CONF = "/etc/jail.conf";

    private static JailConfSet load(Map<String, String> files) {
        return JailConfLoader.load(CONF, JailConfFiles.inMemory(files));
    }

    private static JailConfSet load(String text) {
        return load(Map.of(CONF, text));
    }

    @Test
    void includedFilesAreReadWhereTheIncludeStandsInGlobOrder() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CONF, "first { }\n.include \"jail.conf.d/*.conf\";\nlast { }\n");
        files.put("/etc/jail.conf.d/b.conf", "b { }\n");
        files.put("/etc/jail.conf.d/a.conf", "a { }\n.include \"/etc/nested.inc\";\n");
        files.put("/etc/jail.conf.d/.hidden.conf", "hidden { }\n");
        files.put("/etc/jail.conf.d/c.txt", "c { }\n");
        files.put("/etc/nested.inc", "nested { }\n");

        JailConfSet set = load(files);

        assertThat(set.files()).extracting(LoadedConfFile::path).containsExactly(CONF,
                "/etc/jail.conf.d/a.conf", "/etc/nested.inc", "/etc/jail.conf.d/b.conf");
        assertThat(set.jailNames()).containsExactly("first", "a", "nested", "b", "last");
    }

    @Test
    void anIncludeInsideABlockAddsToThatJail() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CONF, "web {\n  $ip = 10.0.0.5;\n  .include \"/etc/jail.conf.d/common.inc\";\n}\n");
        files.put("/etc/jail.conf.d/common.inc", "ip4.addr = \"lo1|$ip\";\nsub { persist; }\n");

        JailConfSet set = load(files);

        assertThat(set.effective("web").orElseThrow().values("ip4.addr")).containsExactly("lo1|10.0.0.5");
        assertThat(set.jailNames()).containsExactly("web", "web.sub");
    }

    @Test
    void laterStatementsOverrideAndAppendsAccumulate() {
        JailParameters web = load("""
                exec.start = "a";
                ip4.addr = 1.1.1.1;
                web {
                    exec.start += "b";
                    exec.start += "c";
                    ip4.addr = 2.2.2.2;
                    ip4.addr += 3.3.3.3;
                    allow.mount;
                    allow.nomount;
                }
                """).effective("web").orElseThrow();

        assertThat(web.values("exec.start")).containsExactly("a", "b", "c");
        assertThat(web.values("ip4.addr")).containsExactly("2.2.2.2", "3.3.3.3");
        assertThat(web.value("ip4.addr")).hasValue("3.3.3.3");
        assertThat(web.flag("allow.mount")).isFalse();
        assertThat(web.asMap()).containsKey("allow.nomount").doesNotContainKey("allow.mount");
    }

    @Test
    void flagReadsBooleansAsJailDoes() {
        JailParameters web = load("""
                web {
                    a.yes = true; a.one = 1; a.false = false; a.zero = 0; a.word = yes;
                    vnet = new; persist = "TRUE"; mount.noprocfs = 1; allow.nosysvipc = 0;
                }
                """).effective("web").orElseThrow();

        assertThat(web.flag("a.yes")).isTrue();
        assertThat(web.flag("a.one")).isTrue();
        assertThat(web.flag("a.false")).isFalse();
        assertThat(web.flag("a.zero")).isFalse();
        assertThat(web.flag("a.word")).isFalse();
        assertThat(web.flag("vnet")).isTrue();
        assertThat(web.flag("persist")).isTrue();
        assertThat(web.flag("mount.procfs")).isFalse();
        assertThat(web.flag("mount.noprocfs")).isTrue();
        assertThat(web.flag("allow.sysvipc")).isTrue();
        assertThat(web.flag("unset")).isFalse();
    }

    @Test
    void aWildcardDefinedAfterAJailIsAppliedAfterIt() {
        assertThat(load("web { path = /a; }\n* { path = /b; }\n").effective("web").orElseThrow().value("path"))
                .hasValue("/b");
        assertThat(load("* { path = /b; }\nweb { path = /a; }\n").effective("web").orElseThrow().value("path"))
                .hasValue("/a");
    }

    @Test
    void hierarchicalWildcardsMatchChildrenOnly() {
        JailConfSet set = load("""
                a { x = a; b { y = b; } }
                "a.*" { z = child; }
                """);

        JailParameters child = set.effective("a.b").orElseThrow();
        assertThat(child.value("y")).hasValue("b");
        assertThat(child.value("z")).hasValue("child");
        assertThat(child.isSet("x")).isFalse();
        assertThat(set.effective("a").orElseThrow().isSet("z")).isFalse();
    }

    @Test
    void aDuplicatedJailUsesItsFirstDefinition() {
        JailConfSet set = load(TestCorpus.text("accept/054"));
        JailParameters base = set.effective("base").orElseThrow();

        assertThat(set.jailNames()).containsExactly("base");
        assertThat(base.value("path")).hasValue("/jail/base");
        assertThat(base.values("vnet.interface")).containsExactly("epair1b");
        assertThat(base.values("exec.prepare")).containsExactly(
                "zfs clone $(zfs list -Hrt snap -s creation -o name zroot/jail/base | tail -1) zroot/jail/base");
        assertThat(base.flag("allow.set_hostname")).isFalse();
    }

    @Test
    void aVariableMayHoldSeveralValuesWhenItStandsAlone() {
        JailParameters web = load("$ips = 10.0.0.1, 10.0.0.2;\nweb { ip4.addr = $ips, 10.0.0.3; }\n")
                .effective("web").orElseThrow();

        assertThat(web.values("ip4.addr")).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    }

    @Test
    void aNumericNameIsTheJid() {
        JailParameters jail = load("10 { persist; }\n").effective("10").orElseThrow();

        assertThat(jail.asMap()).containsEntry("jid", List.of("10")).containsEntry("name", List.of("10"));
    }

    @Test
    void includesPathUsesTheRootsPatterns() {
        JailConfSet set = load(TestCorpus.text("accept/001"));

        assertThat(set.includesPath("/etc/jail.conf.d/")).isTrue();
        assertThat(set.includesPath("/etc/jail.web.conf")).isTrue();
        assertThat(set.includesPath("/usr/local/etc/jail.conf")).isTrue();
        assertThat(set.includesPath("/usr/local/etc/jailxconf")).isFalse();
        assertThat(set.includesPath("/var/jail.conf.d")).isFalse();
        assertThat(load("web { }\n").includesPath("/etc/jail.conf.d/")).isFalse();
    }
}
