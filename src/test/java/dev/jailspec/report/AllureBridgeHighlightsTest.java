package dev.jailspec.report;

import static dev.jailspec.report.TestCommands.probe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandInfo;
import dev.jailspec.event.CommandIntent;
import dev.jailspec.event.CommandKind;
import dev.jailspec.event.Highlight;
import dev.jailspec.event.Stdin;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.EventBus;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** dnf's output, os-release and zfs listings are attached to the Gherkin step, besides the command's own step. */
class AllureBridgeHighlightsTest {
    private static final Instant AT = Instant.parse("2025-03-14T09:30:12Z");

    private final InMemoryAllureResults results = new InMemoryAllureResults();
    private final AllureLifecycle allure = new AllureLifecycle(results);
    private final EventBus bus = new EventBus();
    private long ids;

    AllureBridgeHighlightsTest() {
        bus.register(new AllureBridge(allure));
    }

    private void command(CommandInfo info, int exit, String stdout, String stderr) {
        long id = ++ids;
        bus.publish(new CommandStarted(AT, id, info, "sim"));
        bus.publish(new CommandFinished(AT, id, info, exit, 5, stdout, stderr, Stdin.NONE));
    }

    /** A command in the Linux userland of lrdev, as Provisioner's jail and chroot views issue it. */
    private static CommandInfo inUserland(CommandIntent intent, String... inner) {
        var argv = new java.util.ArrayList<>(List.of("jexec", "lrdev", "chroot", "/compat/rocky"));
        argv.addAll(List.of(inner));
        return new CommandInfo(argv, List.of(inner), List.of("jail lrdev", "chroot /compat/rocky"), Map.of(), intent);
    }

    private static CommandIntent dnf(String title) {
        return CommandIntent.CHANGE.withKind(CommandKind.DNF).withHighlight(new Highlight.Output(title));
    }

    private StepResult gherkinStep(Runnable events) {
        String test = UUID.randomUUID().toString();
        allure.scheduleTestCase(new TestResult().setUuid(test).setName("dnf works"));
        allure.startTestCase(test);
        allure.startStep("gherkin", new StepResult().setName("When dnf runs"));
        events.run();
        allure.stopStep("gherkin");
        allure.stopTestCase(test);
        allure.writeTestCase(test);
        return results.tests.get(0).getSteps().get(0);
    }

    private Map<String, String> attachments(StepResult step) {
        return step.getAttachments().stream()
                .collect(Collectors.toMap(Attachment::getName, a -> results.attachments.get(a.getSource())));
    }

    @Test
    void dnfOsReleaseAndZfsListingsAreAttachedToTheGherkinStep() {
        StepResult step = gherkinStep(() -> {
            command(inUserland(dnf("dnf -y update: output"), "dnf", "-y", "update"), 0,
                    "Dependencies resolved.\nComplete!\n", "");
            command(inUserland(dnf("dnf -y install nosuchpkg: output"), "dnf", "-y", "install", "nosuchpkg"), 1,
                    "", "Error: Unable to find a match: nosuchpkg\n");
            command(inUserland(CommandIntent.READ.withHighlight(new Highlight.Stdout("/etc/os-release")), "cat", "/etc/os-release"),
                    0, "NAME=\"Rocky Linux\"\nVERSION_ID=\"9.7\"\n", "");
            command(CommandInfo.onHost(List.of("zfs", "list", "-H", "-p", "-o", "name,type,origin", "-r", "zdata/jails"),
                    CommandIntent.READ.withHighlight(new Highlight.Table("zfs list zdata/jails", List.of("name", "type", "origin")))),
                    0, "zdata/jails\tfilesystem\t-\nzdata/jails/containers/lrdev\tfilesystem\tzdata/jails/templates/14.3-RELEASE@base\n", "");
            // No highlight asked for: nothing attached, whatever the argv looks like.
            command(probe(List.of("zfs", "list", "-H", "-o", "name,type", "zdata/jails")), 0, "zdata/jails\tfilesystem\n", "");
            command(probe(List.of("cat", "/etc/os-release")), 0, "ID=rocky\n", "");
        });

        assertThat(step.getSteps()).hasSize(6);
        assertThat(attachments(step)).containsOnly(
                Map.entry("dnf -y update: output", "Dependencies resolved.\nComplete!\n"),
                Map.entry("dnf -y install nosuchpkg: output, exit 1", "--- stderr ---\nError: Unable to find a match: nosuchpkg\n"),
                Map.entry("/etc/os-release (jail lrdev, chroot /compat/rocky)", "NAME=\"Rocky Linux\"\nVERSION_ID=\"9.7\"\n"),
                Map.entry("zfs list zdata/jails", """
                        NAME                          TYPE        ORIGIN
                        zdata/jails                   filesystem  -
                        zdata/jails/containers/lrdev  filesystem  zdata/jails/templates/14.3-RELEASE@base
                        """));
    }
}
