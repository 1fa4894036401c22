package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.config.SettingsLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux version FreeBSD's ABI claims against what the userland's glibc accepts. */
class LinuxUserlandChecksTest {
    @TempDir
    Path project;

    private LinuxUserland rocky(String major) {
        var p = new Properties();
        p.setProperty("jailspec.rocky.release", major);
        return LinuxUserland.of(SettingsLoader.load(project, Map.of(), p));
    }

    @Test
    void freebsdsDefaultIsEnoughForNineAndTen() {
        assertThatCode(() -> LinuxUserlandChecks.requireKernel("5.15.0", "compat.linux.osrelease", rocky("9")))
                .doesNotThrowAnyException();
        assertThatCode(() -> LinuxUserlandChecks.requireKernel("3.2.0", "compat.linux.osrelease", rocky("10")))
                .doesNotThrowAnyException();
    }

    @Test
    void anOlderClaimedKernelStopsTheRunNamingTheMinimumAndTheFix() {
        assertThatThrownBy(() -> LinuxUserlandChecks.requireKernel("2.6.32", "linux.osrelease of jail lrdev", rocky("10")))
                .isInstanceOf(ProvisionException.class)
                .hasMessageContaining("linux.osrelease of jail lrdev is 2.6.32")
                .hasMessageContaining("glibc 2.39 needs a Linux kernel of at least 3.2.0")
                .hasMessageContaining("FATAL: kernel too old");
        assertThatThrownBy(() -> LinuxUserlandChecks.requireKernel("five", "compat.linux.osrelease", rocky("9")))
                .hasMessageContaining("not a Linux version");
    }
}
