package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.config.Setting;
import dev.jailspec.config.Settings;
import dev.jailspec.config.SettingsLoader;
import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.ForwardingHost;
import dev.jailspec.host.Host;
import dev.jailspec.host.OutputLine;
import dev.jailspec.sim.SimHost;
import dev.jailspec.sim.SimHostSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release defaults (RunRelease): a real target's template is the host's own release, read with
 * freebsd-version -u from a simulated host standing in for the real one; the sim's follows the
 * catalogue on the run's clock.
 */
class RunReleaseTest {
    @TempDir
    Path dir;

    private Settings real(String... extra) {
        var p = new Properties();
        p.setProperty("jailspec.target", "local");
        p.setProperty("jailspec.zfs.root", "zroot/jailspec");
        p.setProperty("jailspec.jail.address", "10.0.0.5/24");
        p.setProperty("jailspec.jail.gateway", "10.0.0.1");
        for (int i = 0; i < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return SettingsLoader.load(dir, Map.of(), p);
    }

    private SimHost host(String release) {
        return SimHost.create(dir.resolve("host"), SimHostSpec.defaults().withRelease(release),
                Clock.fixed(Instant.parse("2026-12-03T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aRealTargetsTemplateIsTheHostsUserlandWithoutItsPatchLevel() {
        Settings s = RunRelease.fromHost(real(), host("14.5-RELEASE-p2"));

        assertThat(s.freebsdRelease()).isEqualTo("14.5-RELEASE");
        assertThat(s.sourceOf(Setting.FREEBSD_RELEASE))
                .isEqualTo("derived: the host's freebsd-version -u (14.5-RELEASE-p2), patch level dropped");
        assertThat(RunRelease.resolve(real()).freebsdRelease()).as("resolve leaves a real target to fromHost").isEmpty();
    }

    @Test
    void aReleaseTheSettingsNameIsKeptAndTheHostIsNotAsked() {
        Settings s = RunRelease.fromHost(real("jailspec.freebsd.release", "14.4-RELEASE"), new Refusing());

        assertThat(s.freebsdRelease()).isEqualTo("14.4-RELEASE");
    }

    @Test
    void aHostThatRunsNoReleaseHasNoTemplateToDefaultTo() {
        Host current = new ForwardingHost(host("15.1-RELEASE")) {
            @Override
            public CommandResult run(Command command, Consumer<OutputLine> lines) {
                return new CommandResult(command, 0, "16.0-CURRENT\n", "", Duration.ZERO);
            }
        };

        assertThatThrownBy(() -> RunRelease.fromHost(real(), current)).isInstanceOf(ProvisionException.class)
                .hasMessageContaining("runs FreeBSD 16.0-CURRENT (freebsd-version -u), which has no release distribution"
                        + " sets")
                .hasMessageContaining("set jailspec.freebsd.release to a -RELEASE not newer than the host");
    }

    /** A host that must not be asked anything. */
    private final class Refusing extends ForwardingHost {
        Refusing() {
            super(host("15.1-RELEASE"));
        }

        @Override
        public CommandResult run(Command command, Consumer<OutputLine> lines) {
            throw new AssertionError("asked the host: " + List.copyOf(command.argv()));
        }
    }
}
