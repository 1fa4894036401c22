package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.config.SettingsLoader;
import dev.jailspec.host.Command;
import dev.jailspec.host.LocalHost;
import dev.jailspec.host.ssh.TestSshd;
import dev.jailspec.sim.SimHost;
import dev.jailspec.sim.SimHostSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The target registry opens sim, local and ssh://, and a real one must say itself that it is FreeBSD. */
class TargetRegistryTest {
    @TempDir
    Path dir;

    private static Properties realTarget(String target) {
        var p = new Properties();
        p.putAll(Map.of("jailspec.target", target, "jailspec.zfs.root", "zroot/jailspec",
                "jailspec.jail.address", "10.0.0.5/24", "jailspec.jail.gateway", "10.0.0.1",
                "jailspec.freebsd.release", "14.5-RELEASE"));
        return p;
    }

    @Test
    void theSimulatedHostSaysItIsFreebsd() {
        assertThatCode(() -> Preflight.requireFreebsd(SimHost.create(dir, SimHostSpec.defaults()), "sim"))
                .doesNotThrowAnyException();
    }

    @Test
    void theLocalTargetAsksThisMachineNotTheJvm() {
        String system = new LocalHost().run(Command.of("uname", "-s")).orThrow().stdout().strip();
        var settings = SettingsLoader.load(dir, Map.of(), realTarget("local"));

        if (system.equals("FreeBSD")) {
            assertThatCode(() -> TargetHost.open(settings).close()).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> TargetHost.open(settings)).isInstanceOf(ProvisionException.class)
                    .hasMessage("jailspec.target=local drives a FreeBSD host, but local says `uname -s` is " + system
                            + "; point it at a FreeBSD host, or use the default target sim");
        }
    }

    @Test
    void anSshTargetLogsInWithTheUsersSshFilesAndAsksTheRemoteHost() throws Exception {
        TestSshd.assumeInstalled();
        Path home = Files.createDirectories(dir.resolve("home/.ssh")).getParent();
        try (TestSshd sshd = TestSshd.start(dir.resolve("sshd"))) {
            Files.writeString(home.resolve(".ssh/known_hosts"), sshd.knownHostsLine() + "\n");
            Files.copy(sshd.userKey, home.resolve(".ssh/id_ed25519"));
            var settings = SettingsLoader.load(dir, Map.of(), realTarget(sshd.address().toString()));
            String system = new LocalHost().run(Command.of("uname", "-s")).orThrow().stdout().strip();
            String before = System.getProperty("user.home");
            System.setProperty("user.home", home.toString());
            try {
                assertThatThrownBy(() -> TargetHost.open(settings)).isInstanceOf(ProvisionException.class)
                        .hasMessageContaining(sshd.address() + " says `uname -s` is " + system);
            } finally {
                System.setProperty("user.home", before);
            }
        }
    }
}
