package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.EventBus;
import dev.jailspec.host.Command;
import dev.jailspec.host.Host;
import dev.jailspec.host.ObservedHost;
import dev.jailspec.sim.SimHost;
import dev.jailspec.sim.SimHostSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux ABI step against the simulated host, whose kernel registers only the module names FreeBSD does. */
class EnableLinuxAbiTest {
    @TempDir
    Path root;

    @Test
    void isDoneAndVerifiedByTheFileLinux64KoNotByAVersionTag() {
        var bus = new EventBus();
        Host host = new ObservedHost(SimHost.create(root, SimHostSpec.defaults()), bus);
        var state = new HostState(host, "zdata/jails");
        bus.register(state);
        var step = new EnableLinuxAbi(host, state);
        assertThat(step.isDone()).as("before service linux start").isFalse();

        step.apply();

        step.verify();
        assertThat(step.isDone()).as("after service linux start").isTrue();
        // What the old check asked: linux64 is MODULE_VERSION's tag, never a registered module.
        assertThat(host.run(Command.of("kldstat", "-q", "-m", "linux64")).exitCode()).isEqualTo(1);
    }

    @Test
    void verifyNamesTheFileAndWhatToDoWhenItIsNotLoaded() {
        SimHost host = SimHost.create(root, SimHostSpec.defaults());
        var step = new EnableLinuxAbi(host, new HostState(host, "zdata/jails"));

        assertThatThrownBy(step::verify)
                .isInstanceOf(ProvisionException.class)
                .hasMessageContaining("kldstat -q -n linux64.ko says it is not loaded")
                .hasMessageContaining("kldload linux64");
    }
}
