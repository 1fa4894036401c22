package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.CommandKind;
import dev.jailspec.event.Highlight;
import dev.jailspec.host.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinuxUserlandCommandsTest {
    private static Command of(String line) {
        return LinuxUserlandCommands.of(dev.jailspec.linux.LinuxDistributions.defaultDistribution(), List.of(line.split(" ")));
    }

    @Test
    void dnfGetsItsKindAndItsWholeOutputInTheReport() {
        Command update = of("dnf -y update");
        assertThat(update.kind()).isEqualTo(CommandKind.DNF);
        assertThat(update.readOnly()).isFalse();
        assertThat(update.intent().highlight()).isEqualTo(new Highlight.Output("dnf -y update: output"));
    }

    @Test
    void dnfListingsRpmQueriesAndCatOnlyRead() {
        for (String probe : List.of("dnf repolist", "dnf config-manager --help", "dnf list installed", "rpm -qa",
                "rpm -E %rhel", "cat /etc/redhat-release")) {
            assertThat(of(probe).readOnly()).as(probe).isTrue();
        }
        for (String change : List.of("dnf -y makecache", "dnf -y install epel-release", "rpm -i x.rpm", "sh -c true")) {
            assertThat(of(change).readOnly()).as(change).isFalse();
        }
    }

    @Test
    void anOsReleaseReadIsShownUnderItsPath() {
        assertThat(of("cat /etc/os-release").intent().highlight()).isEqualTo(new Highlight.Stdout("/etc/os-release"));
        assertThat(of("cat /etc/hosts").intent().highlight()).isEqualTo(Highlight.NONE);
        assertThat(of("cat /etc/os-release").kind()).isEqualTo(CommandKind.DEFAULT);
    }
}
