package dev.jailspec.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {
    @TempDir
    Path project;

    private static Properties props(String... kv) {
        var p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void simDefaultsAreTheSeedHowTosValues() {
        Settings s = SettingsLoader.load(project, Map.of(), new Properties());

        assertThat(s.target()).isEqualTo(new Target.Sim());
        assertThat(s.zfsRoot()).isEqualTo("zdata/jails");
        assertThat(s.pool()).isEqualTo("zdata");
        assertThat(s.zfsMountpoint()).isEqualTo("/zdata/jails");
        assertThat(s.freebsdRelease()).isEqualTo("14.3-RELEASE");
        assertThat(s.jailName()).isEqualTo("lrdev");
        assertThat(s.bridge()).isEqualTo("igc0bridge");
        assertThat(s.jailAddress()).isEqualTo("192.168.7.253/24");
        assertThat(s.jailGateway()).isEqualTo("192.168.7.221");
        assertThat(s.simRoot()).isEmpty();
        assertThat(s.sourceOf(Setting.ZFS_ROOT)).isEqualTo("default");
    }

    @Test
    void laterSourcesWin() throws IOException {
        Files.writeString(project.resolve("jailspec.properties"),
                "jailspec.jail.name=fromfile\njailspec.bridge=bridge0\njailspec.freebsd.release=14.2-RELEASE\n");
        Settings s = SettingsLoader.load(project,
                Map.of("JAILSPEC_JAIL_NAME", "fromenv", "JAILSPEC_FREEBSD_RELEASE", "15.0-RELEASE", "PATH", "/bin"),
                props("jailspec.jail.name", "fromprop"));

        assertThat(s.jailName()).isEqualTo("fromprop");
        assertThat(s.sourceOf(Setting.JAIL_NAME)).isEqualTo("-D system property");
        assertThat(s.freebsdRelease()).isEqualTo("15.0-RELEASE");
        assertThat(s.sourceOf(Setting.FREEBSD_RELEASE)).isEqualTo("environment JAILSPEC_FREEBSD_RELEASE");
        assertThat(s.bridge()).isEqualTo("bridge0");
        assertThat(s.sourceOf(Setting.BRIDGE)).isEqualTo("jailspec.properties");
    }

    @Test
    void unknownKeyFailsNamingTheKeyAndTheKnownOnes() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.jail.nmae", "x")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("unknown setting jailspec.jail.nmae")
                .hasMessageContaining("jailspec.jail.name");
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of("JAILSPEC_BRIGDE", "x"), new Properties()))
                .hasMessageContaining("unknown setting JAILSPEC_BRIGDE from environment")
                .hasMessageContaining("JAILSPEC_BRIDGE");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jailspec.jail.name      | lr;dev           | a jail name",
        "jailspec.jail.name      | 123              | a jail name",
        "jailspec.jail.name      | 'lr dev'         | a jail name",
        "jailspec.zfs.root       | zdata/../etc     | a ZFS dataset name",
        "jailspec.zfs.root       | zdata/jails;rm   | a ZFS dataset name",
        "jailspec.zfs.mountpoint | relative/path    | an absolute path",
        "jailspec.zfs.mountpoint | /zdata/../etc    | an absolute path",
        "jailspec.freebsd.release| 14.3             | a FreeBSD release",
        "jailspec.freebsd.release| '14.3-RELEASE$(x)'| a FreeBSD release",
        "jailspec.jail.address   | 192.168.7.253    | an IPv4 address with prefix length",
        "jailspec.jail.address   | 192.168.7.300/24 | an IPv4 address with prefix length",
        "jailspec.jail.gateway   | gw.example       | an IPv4 address",
        "jailspec.bridge         | Bridge0;reboot   | a network interface name",
        "jailspec.target         | ssh              | sim or local",
        "jailspec.jail.id        | 99999            | a number 0-32767",
    })
    void badValuesFailNamingKeySourceAndWhatIsAllowed(String key, String value, String allowed) {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props(key, value)))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("bad value for " + key + " from -D system property")
                .hasMessageContaining("allowed: " + allowed);
    }

    @Test
    void newlineInValueIsRefusedAndShownEscaped() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.jail.name", "lr\ndev")))
                .hasMessageContaining("'lr\\ndev'");
    }

    @Test
    void realTargetRefusesToStartWithoutAnExplicitZfsRoot() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.target", "local")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("jailspec.zfs.root must be set explicitly");
    }

    @Test
    void realTargetDerivesTheMountpointAndNeedsTheNetwork() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(),
                props("jailspec.target", "local", "jailspec.zfs.root", "zroot/jailspec")))
                .hasMessageContaining("needs jailspec.jail.address");

        Settings s = SettingsLoader.load(project, Map.of(), props("jailspec.target", "local",
                "jailspec.zfs.root", "zroot/jailspec", "jailspec.jail.address", "10.0.0.5/24",
                "jailspec.jail.gateway", "10.0.0.1"));
        assertThat(s.target().isReal()).isTrue();
        assertThat(s.zfsMountpoint()).isEqualTo("/zroot/jailspec");
        assertThat(s.sourceOf(Setting.ZFS_MOUNTPOINT)).isEqualTo("derived from jailspec.zfs.root");
    }

    @Test
    void describeListsEveryKeyWithItsSource() {
        String text = SettingsLoader.load(project, Map.of(), new Properties()).describe();
        for (Setting s : Setting.values()) {
            assertThat(text).contains(s.key());
        }
        assertThat(text).contains("zdata/jails").contains("(default)");
    }
}
