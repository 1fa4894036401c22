package dev.jailspec.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetsTest {
    @TempDir
    Path project;

    @Test
    void sshHostsAndOneLocalInTheirOrder() {
        Targets t = Targets.parse("ssh://root@192.0.2.10, ssh://ci@b.example:2222,local");

        assertThat(t.hosts()).containsExactly(new Target.Ssh("ssh://root@192.0.2.10"),
                new Target.Ssh("ssh://ci@b.example:2222"), new Target.Local());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ssh://a,sim                 | 'sim' cannot be one of jailspec.targets",
        "ssh://a,,ssh://b            | an empty host in 'ssh://a,,ssh://b'",
        "ssh://a,ssh://a             | 'ssh://a' is named twice in jailspec.targets",
        "local,local                 | 'local' is named twice",
        "ssh://a                     | for one host set jailspec.target instead",
        "ssh://a,ftp://b             | unknown target 'ftp://b'",
        "ssh://a,ssh://b;reboot      | is not an SSH target",
    })
    void aBadListSaysWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> Targets.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message.strip());
        assertThat(Targets.problem(text)).isPresent();
    }

    @Test
    void theLoaderTakesTheFirstHostsRulesAndDefaults() {
        Settings s = SettingsLoader.load(project, Map.of(), props("jailspec.targets", "ssh://root@a,ssh://root@b",
                "jailspec.matrix", "rocky=9,10", "jailspec.zfs.root", "zroot/js", "jailspec.jail.address", "192.0.2.5/24",
                "jailspec.jail.gateway", "192.0.2.1"));

        assertThat(s.targets()).containsExactly(new Target.Ssh("ssh://root@a"), new Target.Ssh("ssh://root@b"));
        assertThat(s.get(Setting.FREEBSD_MIRROR)).as("a real host's default").isEqualTo("https://download.freebsd.org/ftp");
        assertThat(s.zfsMountpoint()).isEqualTo("/zroot/js");
    }

    @Test
    void realHostsNeedTheirRootAsAnyRealTarget() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.targets", "ssh://a,ssh://b",
                "jailspec.matrix", "rocky=9,10"))).isInstanceOf(SettingsException.class)
                .hasMessageContaining("jailspec.zfs.root must be set explicitly");
    }

    @Test
    void targetsAndTargetTogetherAreRefused() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of("JAILSPEC_TARGET", "ssh://c"),
                props("jailspec.targets", "ssh://a,ssh://b", "jailspec.matrix", "rocky=9,10")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("jailspec.targets (from -D system property) spreads the matrix over its hosts")
                .hasMessageContaining("jailspec.target (from environment JAILSPEC_TARGET) names one target");
    }

    @Test
    void targetsWithoutAMatrixAreRefused() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.targets", "ssh://a,ssh://b")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("but there is no matrix");
    }

    @Test
    void theSimulatedHostsAxisIsRefusedWithRealHosts() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.targets", "ssh://a,ssh://b",
                "jailspec.matrix", "rocky=9|host=14.4-RELEASE;freebsd=14.4-RELEASE")))
                .isInstanceOf(SettingsException.class).hasMessageContaining("leave the host axis out");
    }

    @Test
    void targetsInThePropertiesFileAreRefusedAsEachCellReadsItToo() throws java.io.IOException {
        java.nio.file.Files.writeString(project.resolve(SettingsLoader.PROPERTIES_FILE), "jailspec.targets=ssh://a,ssh://b\n");
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.matrix", "rocky=9,10")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("give the hosts with -Djailspec.targets=... (or JAILSPEC_TARGETS) instead");
    }

    @Test
    void aBadValueNamesTheSettingAndTheProblem() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.targets", "ssh://a,sim")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("bad value for jailspec.targets from -D system property: 'ssh://a,sim':"
                        + " 'sim' cannot be one of jailspec.targets");
    }

    @Test
    void withoutTargetsTheRunHasNone() {
        assertThat(SettingsLoader.load(project, Map.of(), new Properties()).targets()).isEmpty();
    }

    private static Properties props(String... kv) {
        var p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }
}
