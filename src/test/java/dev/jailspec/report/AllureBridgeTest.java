package dev.jailspec.report;

import static dev.jailspec.report.TestCommands.cmd;
import static dev.jailspec.report.TestCommands.stdin;
import static dev.jailspec.report.TestCommands.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandOutput;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.CommandTimedOut;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.FileWritten;
import dev.jailspec.event.Note;
import dev.jailspec.event.SettingsResolved;
import dev.jailspec.event.WaitFinished;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AllureBridgeTest {
    private static final Instant AT = Instant.parse("2025-03-14T09:30:12Z");

    private final InMemoryAllureResults results = new InMemoryAllureResults();
    private final AllureLifecycle allure = new AllureLifecycle(results);
    private final EventBus bus = new EventBus();

    AllureBridgeTest() {
        bus.register(new AllureBridge(allure));
    }

    /** Runs {@code events} inside one Gherkin step of one test, as allure-cucumber7-jvm would frame them. */
    private StepResult insideAGherkinStep(Runnable events) {
        String test = UUID.randomUUID().toString();
        allure.scheduleTestCase(new TestResult().setUuid(test).setName("a jail starts"));
        allure.startTestCase(test);
        allure.startStep("gherkin-step", new StepResult().setName("When the jail is started"));
        events.run();
        allure.stopStep("gherkin-step");
        allure.stopTestCase(test);
        allure.writeTestCase(test);

        assertThat(results.tests).hasSize(1);
        assertThat(results.tests.get(0).getSteps()).hasSize(1);
        return results.tests.get(0).getSteps().get(0);
    }

    private String content(Attachment attachment) {
        return results.attachments.get(attachment.getSource());
    }

    private static Map<String, String> parameters(StepResult step) {
        return step.getParameters().stream()
                .collect(java.util.stream.Collectors.toMap(Parameter::getName, Parameter::getValue));
    }

    @Test
    void aTestThatRanCommandsWhileTheyWereRecordedLinksTheTranscripts() {
        bus.publish(new SettingsResolved(AT, Map.of("jailspec.record", "/var/tmp/js-transcripts"), Map.of()));
        insideAGherkinStep(() -> {
            bus.publish(new CommandStarted(AT, 1, cmd(List.of("zfs", "list", "-H")), "sim"));
            bus.publish(new CommandFinished(AT, 1, cmd(List.of("zfs", "list", "-H")), 0, 12, "zdata\n", "", stdin("")));
            bus.publish(new CommandStarted(AT, 2, cmd(List.of("jls")), "sim"));
            bus.publish(new CommandFinished(AT, 2, cmd(List.of("jls")), 0, 1, "", "", stdin("")));
        });

        assertThat(results.tests.get(0).getLinks()).extracting(l -> l.getName(), l -> l.getUrl())
                .containsExactly(tuple("host transcripts (jailspec.record)", "file:///var/tmp/js-transcripts"));
    }

    @Test
    void withoutRecordingNoTestLinksTranscripts() {
        bus.publish(new SettingsResolved(AT, Map.of("jailspec.record", ""), Map.of()));
        insideAGherkinStep(() -> {
            bus.publish(new CommandStarted(AT, 1, cmd(List.of("jls")), "sim"));
            bus.publish(new CommandFinished(AT, 1, cmd(List.of("jls")), 0, 1, "", "", stdin("")));
        });

        assertThat(results.tests.get(0).getLinks()).isEmpty();
    }

    @Test
    void commandsBecomeNestedStepsWithTheirOutputAttached() {
        StepResult gherkin = insideAGherkinStep(() -> {
            bus.publish(new CommandStarted(AT, 1, cmd(List.of("zfs", "list", "-H")), "sim"));
            bus.publish(new CommandOutput(AT, 1, "stdout", "zdata"));
            bus.publish(new CommandFinished(AT, 1, cmd(List.of("zfs", "list", "-H")), 0, 12, "zdata\n", "", stdin("")));
            bus.publish(new CommandStarted(AT, 2, cmd(List.of("jail", "-c", "name=lr dev")), "sim"));
            bus.publish(new CommandFinished(AT, 2, cmd(List.of("jail", "-c", "name=lr dev")), 1, 5, "",
                    "jail: lr dev: already exists\n", stdin("")));
            bus.publish(new CommandStarted(AT, 3, cmd(List.of("sh", "-s")), "sim"));
            bus.publish(new CommandFinished(AT, 3, cmd(List.of("sh", "-s")), 0, 3, "hi\n", "", stdin("echo hi\n")));
        });

        assertThat(gherkin.getSteps())
                .extracting(StepResult::getName, StepResult::getStatus, StepResult::getStage)
                .containsExactly(
                        tuple("$ zfs list -H", Status.PASSED, Stage.FINISHED),
                        tuple("$ jail -c 'name=lr dev'  (exit 1)", Status.PASSED, Stage.FINISHED),
                        tuple("$ sh -s", Status.PASSED, Stage.FINISHED));

        StepResult list = gherkin.getSteps().get(0);
        assertThat(parameters(list)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "host", "sim", "argv", "[\"zfs\", \"list\", \"-H\"]", "exit code", "0", "duration", "12 ms"));
        assertThat(list.getAttachments()).extracting(Attachment::getName, Attachment::getType)
                .containsExactly(tuple("stdout", "text/plain"));
        assertThat(content(list.getAttachments().get(0))).isEqualTo("zdata\n");

        StepResult jail = gherkin.getSteps().get(1);
        assertThat(parameters(jail)).containsEntry("exit code", "1");
        assertThat(jail.getAttachments()).extracting(Attachment::getName).containsExactly("stderr");
        assertThat(content(jail.getAttachments().get(0))).isEqualTo("jail: lr dev: already exists\n");

        assertThat(gherkin.getSteps().get(2).getAttachments()).extracting(Attachment::getName)
                .containsExactly("stdin", "stdout");
        assertThat(gherkin.getStatus()).as("the Gherkin step's own status is not touched").isNull();
    }

    @Test
    void aTimedOutCommandIsABrokenStep() {
        StepResult gherkin = insideAGherkinStep(() -> {
            bus.publish(new CommandStarted(AT, 4, cmd(List.of("sleep", "30")), "local"));
            bus.publish(new CommandTimedOut(AT, 4, cmd(List.of("sleep", "30")), 300, 302));
        });

        StepResult sleep = gherkin.getSteps().get(0);
        assertThat(sleep.getName()).isEqualTo("$ sleep 30");
        assertThat(sleep.getStatus()).isEqualTo(Status.BROKEN);
        assertThat(sleep.getStage()).isEqualTo(Stage.FINISHED);
        assertThat(sleep.getStatusDetails().getMessage()).isEqualTo("did not finish within 300 ms and was killed after 302 ms");
        assertThat(parameters(sleep)).containsEntry("timeout", "300 ms").containsEntry("duration", "302 ms");
    }

    @Test
    void filesSettingsNotesAndWaitsShowUpUnderTheGherkinStep() {
        StepResult gherkin = insideAGherkinStep(() -> {
            bus.publish(new FileWritten(AT, "/etc/jail.conf.d/lrdev.conf", 0644, text("lrdev { vnet; }\n")));
            bus.publish(new SettingsResolved(AT, Map.of("zfs.root", "zdata/jails", "release", "14.3-RELEASE"),
                    Map.of("zfs.root", "jailspec.properties", "release", "default")));
            bus.publish(new Note(AT, "template 14.3-RELEASE@base reused"));
            bus.publish(new WaitFinished(AT, "jail lrdev running", 5000, 1200, 7, true));
            bus.publish(new WaitFinished(AT, "dnf answers", 1000, 1001, 3, false));
        });

        assertThat(gherkin.getAttachments()).extracting(Attachment::getName)
                .containsExactly("/etc/jail.conf.d/lrdev.conf", "settings");
        assertThat(content(gherkin.getAttachments().get(0))).isEqualTo("lrdev { vnet; }\n");
        assertThat(content(gherkin.getAttachments().get(1))).isEqualTo(
                "release = 14.3-RELEASE    (default)\nzfs.root = zdata/jails    (jailspec.properties)\n");
        assertThat(gherkin.getSteps()).extracting(StepResult::getName, StepResult::getStatus).containsExactly(
                tuple("template 14.3-RELEASE@base reused", Status.PASSED),
                tuple("await jail lrdev running", Status.PASSED),
                tuple("await dnf answers", Status.FAILED));
        assertThat(parameters(gherkin.getSteps().get(1))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "timeout", "5000 ms", "elapsed", "1200 ms", "polls", "7"));
    }

    @Test
    void aCommandThatEndsWithoutAnExitStatusIsABrokenStepAndLaterStepsAreNotNestedInIt() {
        StepResult gherkin = insideAGherkinStep(() -> {
            bus.publish(new CommandStarted(AT, 8, cmd(List.of("jls", "-n", "-j", "lrdev")), "sim"));
            bus.publish(new dev.jailspec.event.CommandAborted(AT, 8, cmd(List.of("jls", "-n", "-j", "lrdev")),
                    "not simulated: jls -n without a parameter list"));
            bus.publish(new CommandStarted(AT, 9, cmd(List.of("kldstat")), "sim"));
            bus.publish(new CommandFinished(AT, 9, cmd(List.of("kldstat")), 0, 1, "", "", stdin("")));
        });

        assertThat(gherkin.getSteps()).extracting(StepResult::getName, StepResult::getStatus).containsExactly(
                tuple("$ jls -n -j lrdev", Status.BROKEN), tuple("$ kldstat", Status.PASSED));
        assertThat(gherkin.getSteps().get(0).getStatusDetails().getMessage())
                .isEqualTo("ended without an exit status: not simulated: jls -n without a parameter list");
    }

    @Test
    void aDiagnosisIsAttachedProbeByProbeWithWhatEachRanAndFailedOnesMarked() {
        StepResult gherkin = insideAGherkinStep(() -> bus.publish(new dev.jailspec.event.DiagnosisCollected(AT, "s", List.of(
                new dev.jailspec.event.DiagnosisCollected.Probe("kernel modules", "kldstat", "Id Refs\n", true),
                new dev.jailspec.event.DiagnosisCollected.Probe("host disk space", "df -h", "df: not found\n", false)))));

        assertThat(gherkin.getAttachments()).extracting(Attachment::getName)
                .containsExactly("diagnosis: kernel modules", "diagnosis: host disk space (failed)");
        assertThat(content(gherkin.getAttachments().get(0))).isEqualTo("# kldstat\nId Refs\n");
    }

    @Test
    void eventsWithoutARunningTestOnThisThreadAreSkipped() {
        bus.publish(new CommandStarted(AT, 5, cmd(List.of("true")), "local"));
        bus.publish(new CommandFinished(AT, 5, cmd(List.of("true")), 0, 1, "", "", stdin("")));
        bus.publish(new FileWritten(AT, "/tmp/x", 0644, text("x")));
        bus.publish(new Note(AT, "nobody listens"));
        bus.publish(new WaitFinished(AT, "nothing", 10, 10, 1, false));

        assertThat(results.tests).isEmpty();
        assertThat(results.attachments).isEmpty();
        assertThat(allure.getCurrentTestCaseOrStep()).isEmpty();
    }
}
