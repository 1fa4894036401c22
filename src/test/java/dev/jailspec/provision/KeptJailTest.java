package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.EventBus;
import dev.jailspec.event.JailKept;
import dev.jailspec.report.ConsoleReporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kept jail: the console prints how to enter it and remove it, from the run's settings, not literals. */
class KeptJailTest {
    @TempDir
    Path dir;

    @Test
    void theCommandsFollowTheSettingsAndReachTheConsole() {
        var settings = SimRuns.settings(dir.resolve("host"), dir.resolve("cache"), "5s", "jailspec.jail.name", "rk9",
                "jailspec.jail.id", "42", "jailspec.teardown", "on-success");
        Layout layout = Layout.of(settings);
        var bus = new EventBus();
        var buffer = new ByteArrayOutputStream();
        bus.register(new ConsoleReporter(new PrintStream(buffer, true, StandardCharsets.UTF_8)));
        List<JailKept> kept = new ArrayList<>();
        bus.subscribe(JailKept.class, kept::add);

        bus.publish(KeptJail.event(bus.now(), "a failed scenario", layout, "on-success", List.of("stop the jail rk9")));

        assertThat(kept).singleElement().satisfies(e -> {
            assertThat(e.enterHostShell()).containsExactly("jexec", "rk9", "/bin/sh");
            assertThat(e.enterLinuxShell()).containsExactly("jexec", "rk9", "chroot", "/compat/rocky", "/bin/bash");
            assertThat(e.remove()).contains(List.of("zfs", "destroy", "-r", layout.jailDataset()),
                    List.of("ifconfig", "epair42a", "destroy"), List.of("rm", "/etc/jail.conf.d/rk9.conf"));
        });
        assertThat(buffer.toString(StandardCharsets.UTF_8))
                .contains("kept the jail rk9 for debugging (jailspec.teardown=on-success)")
                .contains("\n    jexec rk9 /bin/sh    # a shell in the jail\n")
                .contains("\n    jexec rk9 chroot /compat/rocky /bin/bash    # a shell in its Linux userland\n")
                .contains("\n    service jail stop rk9\n", "\n    zfs destroy -r " + layout.jailDataset() + "\n");
    }
}
