package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxTest {
    private final Layout layout = new Layout("zdata/jails", "/zdata/jails", "14.3-RELEASE", "lrdev", 253, "igc0bridge",
            "192.168.7.253/24", "192.168.7.221");
    private final Sandbox sandbox = new Sandbox(layout);

    @ParameterizedTest
    @ValueSource(strings = {"zdata/jails", "zdata/jails/containers/lrdev", "zdata/jails/templates/14.3-RELEASE@base"})
    void datasetsUnderTheRootAreAllowed(String name) {
        assertThat(sandbox.requireDataset(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zdata", "zdata/jailsX", "zdata/keepme", "zroot/jails/containers/lrdev", "zdata@snap",
        "zdata/jails/../keepme"})
    void datasetsOutsideAreRefusedNamingTheSetting(String name) {
        assertThatThrownBy(() -> sandbox.requireDataset(name)).isInstanceOf(ProvisionException.class)
                .hasMessage("refusing to touch the dataset " + name + ": it is outside jailspec.zfs.root=zdata/jails,"
                        + " the only place jailspec creates or destroys datasets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/zdata/jails/containers/lrdev/compat/rocky", "/etc/jail.conf.d/lrdev.conf"})
    void pathsUnderTheMountpointAndJailFilesAreAllowed(String path) {
        assertThat(sandbox.requirePath(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/rc.conf", "/etc/jail.conf", "/zdata/jails/../../etc/passwd", "/zdata/jailsX/a",
        "/etc/jail.conf.d/sub/x.conf", "/etc/jail.conf.d/lrdev.conf.bak", "zdata/jails/a"})
    void otherPathsAreRefused(String path) {
        assertThatThrownBy(() -> sandbox.requirePath(path)).isInstanceOf(ProvisionException.class)
                .hasMessageContaining("refusing to touch " + path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lr..dev", "../x"})
    void aLayoutThatLeavesTheRootIsRefusedBeforeAnyCommand(String jail) {
        var bad = new Layout("zdata/jails", "/zdata/jails", "14.3-RELEASE", jail, 253, "igc0bridge", "192.168.7.253/24",
                "192.168.7.221");
        assertThatThrownBy(() -> new Sandbox(bad).requireLayoutInside()).isInstanceOf(ProvisionException.class)
                .hasMessageContaining("refusing to touch");
    }
}
