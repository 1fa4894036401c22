package dev.jailspec.host.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshAddressTest {
    @Test
    void readsUserHostAndPort() {
        assertThat(SshAddress.parse("ssh://root@192.0.2.1:2222"))
                .isEqualTo(new SshAddress(Optional.of("root"), "192.0.2.1", Optional.of(2222)));
        assertThat(SshAddress.parse("ssh://freebsd-box"))
                .isEqualTo(new SshAddress(Optional.empty(), "freebsd-box", Optional.empty()));
    }

    @Test
    void refusesWhatIsNotAnSshTargetSayingTheForm() {
        for (String bad : new String[] {"root@host", "ssh://", "ssh://root@host/path", "http://host"}) {
            assertThatThrownBy(() -> SshAddress.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ssh://user@host[:port]");
        }
    }

    @Test
    void becomeAndHostKeyPolicyNameWhatIsAllowed() {
        assertThat(Become.parse("doas").prefix()).containsExactly("doas", "-n");
        assertThat(Become.SUDO.askedForPassword("sudo: a password is required\n")).isTrue();
        assertThat(Become.SUDO.askedForPassword("zfs: dataset does not exist\n")).isFalse();
        assertThatThrownBy(() -> Become.parse("su")).hasMessageContaining("use none, sudo or doas");
        assertThatThrownBy(() -> SshOptions.HostKeyPolicy.parse("accept-all"))
                .hasMessageContaining("use strict or accept-new");
    }
}
