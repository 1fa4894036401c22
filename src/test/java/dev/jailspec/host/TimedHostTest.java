package dev.jailspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.event.CommandKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TimedHostTest {
    private final List<Command> ran = new ArrayList<>();
    private final Host recorder = new Host() {
        @Override
        public CommandResult run(Command command, Consumer<OutputLine> lines) {
            ran.add(command);
            return new CommandResult(command, 0, "", "", Duration.ZERO);
        }

        @Override
        public Optional<FileStat> stat(String absolutePath) {
            return Optional.empty();
        }

        @Override
        public byte[] readFile(String absolutePath) {
            return new byte[0];
        }

        @Override
        public List<String> list(String absoluteDir) {
            return List.of();
        }

        @Override
        public void writeFile(String absolutePath, byte[] content, int mode) {
        }

        @Override
        public String describe() {
            return "recorder";
        }
    };

    private final TimeoutPolicy policy = TimeoutPolicy.ofKeys(Map.of("default", Duration.ofMinutes(2),
            "extract", Duration.ofMinutes(20), "dnf", Duration.ofMinutes(15)));

    @Test
    void everyCommandGetsTheTimeoutOfItsKindWhateverTheCallerSet() {
        Host host = new TimedHost(recorder, policy);

        host.run(Command.of("tar", "-xf", "base.txz").withKind(CommandKind.EXTRACT));
        host.run(Command.of("zfs", "list").withTimeout(Duration.ofHours(9)));
        host.run(Command.of("dnf", "-y", "update").withKind(CommandKind.DNF));
        host.run(Command.of("fetch", "x").withKind(CommandKind.DOWNLOAD));

        assertThat(ran).extracting(Command::timeout).containsExactly(Duration.ofMinutes(20), Duration.ofMinutes(2),
                Duration.ofMinutes(15), Duration.ofMinutes(2));
    }

    @Test
    void aPolicyNeedsADefaultAndPositiveTimeouts() {
        assertThatThrownBy(() -> TimeoutPolicy.ofKeys(Map.of("dnf", Duration.ofMinutes(1))))
                .hasMessageContaining("needs a \"default\" entry");
        assertThatThrownBy(() -> TimeoutPolicy.ofKeys(Map.of("default", Duration.ZERO)))
                .hasMessageContaining("must be positive");
    }

    @Test
    void anUnknownKeyNamesTheKindsThatExist() {
        assertThatThrownBy(() -> TimeoutPolicy.ofKeys(Map.of("default", Duration.ofMinutes(1), "pkg", Duration.ofMinutes(1))))
                .hasMessage("no command kind 'pkg'; kinds are [default, jail, download, extract, update, dnf]");
    }

    @Test
    void aLocalCommandThatOutlivesItsKindsTimeoutIsKilledAndReported() {
        Host host = new TimedHost(new LocalHost(), TimeoutPolicy.ofKeys(Map.of("default", Duration.ofMillis(300))));

        assertThatThrownBy(() -> host.run(Command.of("sleep", "5")))
                .isInstanceOf(CommandTimeoutException.class)
                .hasMessageContaining("command `sleep 5` did not finish within 300 ms and was killed after");
    }
}
