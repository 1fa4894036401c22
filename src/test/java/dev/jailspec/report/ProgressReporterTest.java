package dev.jailspec.report;

import static dev.jailspec.report.TestCommands.cmd;
import static dev.jailspec.report.TestCommands.stdin;
import static dev.jailspec.report.TestCommands.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.Outcome;
import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandKind;
import dev.jailspec.event.CommandOutput;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.DownloadProgress;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.Note;
import dev.jailspec.event.StepFinished;
import dev.jailspec.testing.MovableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    private static final Instant T0 = Instant.parse("2025-03-14T09:30:00Z");
    private static final String URL = "https://download.freebsd.org/releases/amd64/amd64/14.3-RELEASE/base.txz";
    private static final List<String> DNF_UPDATE = List.of("jexec", "lrdev", "chroot", "/compat/rocky", "dnf", "-y", "update");
    private static final List<String> TAR = List.of("tar", "-xf", "/zdata/jails/media/14.3-RELEASE-base.txz", "-C", "/t");

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final MovableClock clock = new MovableClock(T0);
    private final EventBus bus = new EventBus();

    private ProgressReporter attach(boolean terminal) {
        var console = new LiveConsole(new PrintStream(buffer, true, StandardCharsets.UTF_8), terminal);
        var reporter = new ProgressReporter(console, clock);
        bus.register(reporter);
        bus.register(new ConsoleReporter(console));
        return reporter;
    }

    private String out() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    @Test
    void withoutATerminalADownloadPrintsALineEveryFiveSecondsWithBytesTotalAndRate() {
        attach(false);
        for (int i = 1; i <= 24; i++) {  // every 500 ms for 12 s, 10 MiB/s
            bus.publish(new DownloadProgress(at(i * 0.5), URL, i * 5L * 1024 * 1024, 200L * 1024 * 1024, 10L * 1024 * 1024));
        }
        bus.publish(new DownloadFinished(at(12.5), URL, new DownloadFinished.CachedFile("/cache/base.txz"), 200L * 1024 * 1024, false, "ab".repeat(32)));

        assertThat(out().lines().toList()).containsExactly(
                "  ... download base.txz: 55.0 MiB of 200.0 MiB (27%), 10.0 MiB/s, 5 s",
                "  ... download base.txz: 105.0 MiB of 200.0 MiB (52%), 10.0 MiB/s, 10 s",
                "  downloaded " + URL + " (209715200 bytes)");
        assertThat(out()).doesNotContain("\r", "\033");
    }

    @Test
    void aShortActivityPrintsNothingButTheConsoleLineOfItsCommand() {
        attach(false);
        bus.publish(new CommandStarted(at(0), 1, cmd(DNF_UPDATE, CommandKind.DNF), "sim"));
        bus.publish(new CommandOutput(at(1), 1, "stdout", "Dependencies resolved."));
        bus.publish(new CommandFinished(at(2), 1, cmd(DNF_UPDATE, CommandKind.DNF), 0, 2000, "", "", stdin("")));

        assertThat(out().lines().toList()).containsExactly(
                "  $ jexec lrdev chroot /compat/rocky dnf -y update  -> exit 0 (2000 ms)");
    }

    @Test
    void dnfShowsItsLatestOutputLineAndTimeWhileItRuns() {
        attach(false);
        bus.publish(new CommandStarted(at(0), 1, cmd(DNF_UPDATE, CommandKind.DNF), "sim"));
        bus.publish(new CommandOutput(at(3), 1, "stdout", "Upgrading        : glibc-2.34-125.el9_5.x86_64   1/42"));
        bus.publish(new CommandOutput(at(6), 1, "stdout", "  Upgrading        : bash-5.1.8-9.el9.x86_64   2/42  "));
        bus.publish(new CommandOutput(at(7), 1, "stdout", "   "));
        bus.publish(new CommandOutput(at(11.5), 1, "stdout", "Cleanup          : bash   3/42"));

        assertThat(out().lines().toList()).containsExactly(
                "  ... jexec lrdev chroot /compat/rocky dnf -y update: 6 s, last line: Upgrading        : bash-5.1.8-9.el9.x86_64   2/42",
                "  ... jexec lrdev chroot /compat/rocky dnf -y update: 11 s, last line: Cleanup          : bash   3/42");
    }

    @Test
    void aSilentExtractionIsKeptVisibleByTheTicksAndCountsEntriesWhenTarListsThem() {
        ProgressReporter reporter = attach(false);
        bus.publish(new CommandStarted(at(0), 1, cmd(TAR, CommandKind.EXTRACT), "sim"));
        clock.now = at(4);
        reporter.tick();
        clock.now = at(5);
        reporter.tick();
        bus.publish(new CommandStarted(at(5), 2, cmd(List.of("tar", "-xvf", "b.txz"), CommandKind.EXTRACT), "sim"));
        for (int i = 0; i < 300; i++) {
            bus.publish(new CommandOutput(at(5 + i * 0.02), 2, "stderr", "x ./bin/file" + i));
        }
        bus.publish(new CommandFinished(at(11), 2, cmd(List.of("tar", "-xvf", "b.txz"), CommandKind.EXTRACT), 0, 6000, "", "", stdin("")));
        clock.now = at(12);
        reporter.tick();

        assertThat(out().lines().toList()).containsExactly(
                "  ... tar -xf /zdata/jails/media/14.3-RELEASE-base.txz -C /t: 5 s",
                "  ... tar -xvf b.txz: 251 entries, 5 s",
                "  $ tar -xvf b.txz  -> exit 0 (6000 ms)",
                "  ... tar -xf /zdata/jails/media/14.3-RELEASE-base.txz -C /t: 12 s");
    }

    @Test
    void onATerminalOneStatusLineIsRedrawnAndOrdinaryLinesGoAboveIt() {
        attach(true);
        bus.publish(new DownloadProgress(at(0.5), URL, 1024, -1, 2048));
        bus.publish(new DownloadProgress(at(0.6), URL, 2048, -1, 2048));   // within 200 ms: not redrawn
        bus.publish(new DownloadProgress(at(1.0), URL, 4096, -1, 4096));
        bus.publish(new Note(at(1.1), "checking"));
        bus.publish(new DownloadFinished(at(1.2), URL, new DownloadFinished.CachedFile("/cache/base.txz"), 4096, false, "ab".repeat(32)));

        assertThat(out()).isEqualTo(
                "\r\033[K  ... download base.txz: 1.0 KiB, 2.0 KiB/s, 0 s"
                        + "\r\033[K  ... download base.txz: 4.0 KiB, 4.0 KiB/s, 0 s"
                        + "\r\033[K  # checking" + System.lineSeparator() + "  ... download base.txz: 4.0 KiB, 4.0 KiB/s, 0 s"
                        + "\r\033[K"
                        + "  downloaded " + URL + " (4096 bytes)" + System.lineSeparator());
    }

    @Test
    void aDownloadThatNeverFinishesIsForgottenWhenItsStepEnds() {
        ProgressReporter reporter = attach(false);
        bus.publish(new DownloadProgress(at(1), URL, 1024, 4096, 1024));
        bus.publish(new StepFinished(at(2), "When the base system is fetched", Outcome.FAILED, "HTTP 404"));
        clock.now = at(30);
        reporter.tick();

        assertThat(out()).doesNotContain("download base.txz");
    }

    @Test
    void sizesAndDurationsAreReadable() {
        assertThat(ProgressReporter.bytes(512)).isEqualTo("512 B");
        assertThat(ProgressReporter.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(ProgressReporter.bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GiB");
        assertThat(ProgressReporter.seconds(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(ProgressReporter.seconds(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
    }
}
