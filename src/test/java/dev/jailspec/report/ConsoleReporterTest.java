package dev.jailspec.report;

import static dev.jailspec.report.TestCommands.cmd;
import static dev.jailspec.report.TestCommands.stdin;
import static dev.jailspec.report.TestCommands.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.Outcome;
import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandOutput;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.CommandTimedOut;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.ScenarioFinished;
import dev.jailspec.event.ScenarioStarted;
import dev.jailspec.event.StepFinished;
import dev.jailspec.event.StepStarted;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {
    private static final Instant AT = Instant.parse("2025-03-14T09:30:12Z");

    @Test
    void printsHeadersOneLinePerCommandAndTheEndOfStderrOnFailure() {
        var buffer = new ByteArrayOutputStream();
        var bus = new EventBus();
        bus.register(new ConsoleReporter(new PrintStream(buffer, true, StandardCharsets.UTF_8)));
        List<String> clone = List.of("zfs", "clone", "zdata/jails/templates/14.3-RELEASE@base", "zdata/jails/containers/lrdev");

        bus.publish(new ScenarioStarted(AT, "A thin jail starts", "classpath:features/jail.feature", List.of("@vnet")));
        bus.publish(new StepStarted(AT, "Given a template 14.3-RELEASE", 5));
        bus.publish(new CommandStarted(AT, 1, cmd(clone), "sim"));
        bus.publish(new CommandOutput(AT, 1, "stdout", "not printed"));
        bus.publish(new CommandFinished(AT, 1, cmd(clone), 0, 12, "", "", stdin("")));
        bus.publish(new StepFinished(AT, "Given a template 14.3-RELEASE", Outcome.PASSED, ""));
        bus.publish(new StepStarted(AT, "When the jail is started", 6));
        bus.publish(new CommandFinished(AT, 2, cmd(List.of("jail", "-c", "lrdev")), 1, 5, "",
                "one\ntwo\nthree\nfour\nfive\nsix\n", stdin("")));
        bus.publish(new CommandTimedOut(AT, 3, cmd(List.of("sleep", "30")), 300, 302));
        bus.publish(new StepFinished(AT, "When the jail is started", Outcome.FAILED, "jail did not start\nmore detail"));
        bus.publish(new ScenarioFinished(AT, "A thin jail starts", Outcome.FAILED, "jail did not start\nmore detail"));

        assertThat(buffer.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "Scenario: A thin jail starts",
                "> Given a template 14.3-RELEASE",
                "  $ zfs clone zdata/jails/templates/14.3-RELEASE@base zdata/jails/containers/lrdev  -> exit 0 (12 ms)",
                "> When the jail is started",
                "  $ jail -c lrdev  -> exit 1 (5 ms)",
                "      two",
                "      three",
                "      four",
                "      five",
                "      six",
                "  $ sleep 30  -> TIMED OUT after 302 ms (limit 300 ms), killed",
                "  step FAILED: jail did not start",
                "Scenario FAILED: A thin jail starts: jail did not start");
    }

    @Test
    void saysWhenTheConnectionDroppedAndHowLoggingInAgainWent() {
        var buffer = new ByteArrayOutputStream();
        var bus = new EventBus();
        bus.register(new ConsoleReporter(new PrintStream(buffer, true, StandardCharsets.UTF_8)));

        bus.publish(new dev.jailspec.event.HostReconnect(AT, "ssh://root@192.0.2.10", 1, 3, false,
                "cannot log in to ssh://root@192.0.2.10: Connection refused"));
        bus.publish(new dev.jailspec.event.HostReconnect(AT, "ssh://root@192.0.2.10", 2, 3, true, ""));

        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains(
                "the connection to ssh://root@192.0.2.10 had dropped; logging in again FAILED: cannot log in to"
                        + " ssh://root@192.0.2.10: Connection refused (attempt 1 of 3)",
                "the connection to ssh://root@192.0.2.10 had dropped; logging in again succeeded (attempt 2 of 3)");
    }
}
