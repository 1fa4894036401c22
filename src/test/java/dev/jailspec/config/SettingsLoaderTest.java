package dev.jailspec.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        assertThat(s.freebsdRelease()).as("derived from the run's clock when the run opens (RunRelease)").isEmpty();
        assertThat(s.allowEol()).isFalse();
        assertThat(s.get(Setting.CLOCK)).isEqualTo("now");
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
        "jailspec.target         | ssh              | sim, local or ssh://[user@]host[:port]",
        "jailspec.target         | ftp://host       | sim, local or ssh://[user@]host[:port]",
        "jailspec.target         | 'ssh://root@h;id'| sim, local or ssh://[user@]host[:port]",
        "jailspec.target         | ssh://root@h/tmp | sim, local or ssh://[user@]host[:port]",
        "jailspec.ssh.knownHosts | accept-all       | strict (a host key not in ~/.ssh/known_hosts stops the run)",
        "jailspec.ssh.become     | su               | none (log in as root), sudo or doas",
        "jailspec.jail.id        | 99999            | a number 0-32767",
        "jailspec.jail.id        | '253;reboot'     | a number 0-32767",
        "jailspec.jail.name      | ../etc           | a jail name",
        "jailspec.jail.name      | 'lr`id`'         | a jail name",
        "jailspec.zfs.root       | zroot            | a ZFS dataset name below a pool",
        "jailspec.zfs.root       | 'zroot/a b'      | a ZFS dataset name below a pool",
        "jailspec.zfs.root       | /zroot/jails     | a ZFS dataset name below a pool",
        "jailspec.zfs.mountpoint | /                | an absolute path",
        "jailspec.zfs.mountpoint | /usr             | an absolute path",
        "jailspec.zfs.mountpoint | /etc/            | an absolute path",
        "jailspec.zfs.mountpoint | '/zdata/j;rm'    | an absolute path",
        "jailspec.zfs.mountpoint | '/zdata/$(id)'   | an absolute path",
        "jailspec.cache          | /tmp/../etc      | an absolute directory",
        "jailspec.sim.root       | 'sim root'       | an absolute directory",
        "jailspec.freebsd.release| ../14.3-RELEASE  | a FreeBSD release",
        "jailspec.freebsd.mirror | 'https://x.org/a;b' | an http(s) URL",
        "jailspec.freebsd.mirror | ftp://x.org/pub  | an http(s) URL",
        "jailspec.rocky.mirror   | 'https://x.org/$(id)' | an http(s) URL",
        "jailspec.rocky.imageUrl | 'https://x.org/a b'   | the image to use: an http(s) URL, or a file name",
        "jailspec.rocky.release  | 9.7              | the Rocky Linux major release",
        "jailspec.jail.gateway   | '192.168.7.1;id' | an IPv4 address",
        "jailspec.teardown       | sometimes        | always, on-success or never",
        "jailspec.teardown.hostconfig | forget      | restore",
        "jailspec.timeout.default| forever          | the timeout of a host command",
        "jailspec.timeout.dnf    | 0s               | the timeout of a dnf command",
        "jailspec.timeout.extract| -5m              | the timeout of an archive extraction",
        "jailspec.lock.wait      | 10 minutes       | how long a run waits",
        "jailspec.linux.devfsRuleset | 4            | a devfs ruleset number 6-65535",
        "jailspec.linux.devfsRuleset | 65536        | a devfs ruleset number 6-65535",
        "jailspec.linux.devfsRuleset | jail_linux   | a devfs ruleset number 6-65535",
        "jailspec.linux.hostDirs | /etc             | empty (the Linux /tmp and /home are the userland",
        "jailspec.linux.hostDirs | '/tmp,/tmp'      | empty (the Linux /tmp and /home are the userland",
        "jailspec.linux.hostDirs | '/tmp,'          | empty (the Linux /tmp and /home are the userland",
        "jailspec.linux.hostDirs | '/tmp;/home'     | empty (the Linux /tmp and /home are the userland",
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jailspec.jail.name",
        "jailspec.zfs.root",
        "jailspec.zfs.mountpoint",
        "jailspec.jail.address",
        "jailspec.jail.gateway",
        "jailspec.freebsd.mirror",
        "jailspec.freebsd.release",
        "jailspec.bridge",
        "jailspec.sim.faults",
    })
    void anEmbeddedNewlineIsRefusedForEveryNameAddressUrlAndPath(String key) {
        String good = SettingsLoader.load(project, Map.of(), new Properties()).asMap().get(key);
        String value = (good.isEmpty() ? "zfs clone=fail" : good) + "\nreboot";
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props(key, value)))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("bad value for " + key)
                .hasMessageContaining("\\nreboot");
    }

    @Test
    void theIssuesExampleNamesTheSetting() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.jail.name", "lr;dev")))
                .hasMessage("bad value for jailspec.jail.name from -D system property: 'lr;dev'; allowed: "
                        + Setting.JAIL_NAME.allowed());
    }

    @Test
    void faultRulesAreParsed() {
        Settings s = SettingsLoader.load(project, Map.of(), props("jailspec.sim.faults",
                "zfs clone=exit:1; service jail start=fail;;jexec=hang;sysrc jail_enable=YES=stderr:sysrc: cannot write"));

        assertThat(s.simFaults()).containsExactly(
                new FaultRule("zfs clone", FaultRule.Action.EXIT, 1, ""),
                new FaultRule("service jail start", FaultRule.Action.FAIL, 1, ""),
                new FaultRule("jexec", FaultRule.Action.HANG, 0, ""),
                new FaultRule("sysrc jail_enable=YES", FaultRule.Action.STDERR, 1, "sysrc: cannot write"));
        assertThat(SettingsLoader.load(project, Map.of(), new Properties()).simFaults()).isEmpty();
    }

    @Test
    void aDyingRuleAndTheDyingSettingsAreDurations() {
        Settings s = SettingsLoader.load(project, Map.of(), props("jailspec.sim.faults", "jail -r=dying:5s;jail -r lrdev=dying:PT1M",
                "jailspec.teardown.dying.wait", "2m", "jailspec.sim.dying", "300ms"));

        assertThat(s.simFaults()).containsExactly(
                new FaultRule("jail -r", FaultRule.Action.DYING, 0, "", Duration.ofSeconds(5)),
                new FaultRule("jail -r lrdev", FaultRule.Action.DYING, 0, "", Duration.ofMinutes(1)));
        assertThat(s.simFaults().get(0)).hasToString("jail -r=dying:5000ms");
        assertThat(s.teardownDyingWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.simDying()).isEqualTo(Duration.ofMillis(300));
        Settings defaults = SettingsLoader.load(project, Map.of(), new Properties());
        assertThat(defaults.teardownDyingWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.simDying()).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zfs clone=explode       | rule 'zfs clone=explode': unknown action 'explode'",
        "zfs clone               | rule 'zfs clone': it has no '=' between the command prefix and the action",
        "=fail                   | rule '=fail': the command prefix before '=' is empty",
        "zfs clone=exit:0        | rule 'zfs clone=exit:0': exit status 0 is not a failure",
        "zfs clone=exit:x        | unknown action 'exit:x'",
        "jexec=hang;tar=stderr:  | rule 'tar=stderr:': unknown action 'stderr:'",
        "jail -r=dying:soon      | rule 'jail -r=dying:soon': 'soon' is not a duration; write e.g. dying:5s",
    })
    void aMalformedFaultRuleIsNamed(String value, String why) {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.sim.faults", value)))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("bad value for jailspec.sim.faults from -D system property")
                .hasMessageContaining(why)
                .hasMessageContaining("allowed: empty, or rules separated by ';'");
    }

    @Test
    void faultsAreRefusedOnARealTarget() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.target", "local",
                "jailspec.zfs.root", "zroot/jailspec", "jailspec.jail.address", "10.0.0.5/24",
                "jailspec.jail.gateway", "10.0.0.1", "jailspec.sim.faults", "zfs clone=fail")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("jailspec.sim.faults (from -D system property) injects faults into the simulated"
                        + " host only");
    }

    @Test
    void aDownloadTimeoutIsNotASettingSinceDownloadsRunInTheJvm() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.timeout.download", "30m")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("jailspec.timeout.download");
    }

    @Test
    void timeoutsPerKindAcceptShortFormsAndIso8601() {
        Settings sim = SettingsLoader.load(project, Map.of(), props("jailspec.timeout.dnf", "PT20M",
                "jailspec.timeout.extract", "750ms", "jailspec.lock.wait", "2h"));
        assertThat(sim.timeouts()).containsEntry("dnf", Duration.ofMinutes(20))
                .containsEntry("extract", Duration.ofMillis(750))
                .containsEntry("default", Duration.ofSeconds(5))
                .containsKeys("jail", "update")
                .doesNotContainKey("download");
        assertThat(sim.lockWait()).isEqualTo(Duration.ofHours(2));

        Settings real = SettingsLoader.load(project, Map.of(), props("jailspec.target", "local",
                "jailspec.zfs.root", "zroot/jailspec", "jailspec.jail.address", "10.0.0.5/24",
                "jailspec.jail.gateway", "10.0.0.1", "jailspec.freebsd.release", "14.5-RELEASE"));
        assertThat(real.timeouts()).containsEntry("default", Duration.ofMinutes(2))
                .containsEntry("jail", Duration.ofMinutes(5))
                .containsEntry("extract", Duration.ofMinutes(20))
                .containsEntry("update", Duration.ofMinutes(30))
                .containsEntry("dnf", Duration.ofMinutes(20));
        assertThat(real.keepHostConfig()).isFalse();
    }

    @Test
    void anSshTargetIsARealTargetWithItsOwnNeeds() {
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.target", "ssh://root@192.0.2.1:2222")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("target 'ssh://root@192.0.2.1:2222' changes a real host")
                .hasMessageContaining("jailspec.zfs.root must be set explicitly");

        Settings s = SettingsLoader.load(project, Map.of(), props("jailspec.target", "ssh://root@192.0.2.1:2222",
                "jailspec.zfs.root", "zroot/jailspec", "jailspec.jail.address", "10.0.0.5/24",
                "jailspec.jail.gateway", "10.0.0.1", "jailspec.freebsd.release", "14.5-RELEASE",
                "jailspec.ssh.become", "doas"));
        assertThat(s.target()).isEqualTo(new Target.Ssh("ssh://root@192.0.2.1:2222"));
        assertThat(s.get(Setting.SSH_KNOWN_HOSTS)).isEqualTo("strict");
        assertThat(s.get(Setting.SSH_BECOME)).isEqualTo("doas");
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

        assertThat(SettingsLoader.load(project, Map.of(), props("jailspec.target", "local",
                "jailspec.zfs.root", "zroot/jailspec", "jailspec.jail.address", "10.0.0.5/24",
                "jailspec.jail.gateway", "10.0.0.1")).freebsdRelease())
                .as("left empty: the run reads the host's own freebsd-version -u once the target is open (RunRelease)")
                .isEmpty();

        Settings s = SettingsLoader.load(project, Map.of(), props("jailspec.target", "local",
                "jailspec.zfs.root", "zroot/jailspec", "jailspec.jail.address", "10.0.0.5/24",
                "jailspec.jail.gateway", "10.0.0.1", "jailspec.freebsd.release", "14.5-RELEASE"));
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

    @Test
    void theRunClockIsNowADateOrAnInstantAndNothingElse() {
        // The run starts at the date given and its clock runs on from there.
        var start = java.time.Instant.parse("2026-12-03T00:00:00Z");
        assertThat(SettingsLoader.load(project, Map.of(), props("jailspec.clock", "2026-12-03")).clock().instant())
                .isBetween(start, start.plusSeconds(60));
        var clock = SettingsLoader.load(project, Map.of(), props("jailspec.clock", "2026-12-03T10:15:00Z")).clock();
        var first = clock.instant();
        assertThat(first).isBetween(java.time.Instant.parse("2026-12-03T10:15:00Z"), java.time.Instant.parse("2026-12-03T10:16:00Z"));
        org.awaitility.Awaitility.await("the run clock to move on").atMost(java.time.Duration.ofSeconds(5))
                .until(() -> clock.instant().isAfter(first));
        assertThat(SettingsLoader.load(project, Map.of(), new Properties()).clock().getZone())
                .isEqualTo(java.time.ZoneOffset.UTC);
        assertThatThrownBy(() -> SettingsLoader.load(project, Map.of(), props("jailspec.clock", "yesterday")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("bad value for jailspec.clock from -D system property: 'yesterday'")
                .hasMessageContaining("e.g. 2026-12-03 or 2026-12-03T10:00:00Z");
    }
}
