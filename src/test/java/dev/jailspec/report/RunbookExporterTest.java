package dev.jailspec.report;

import static dev.jailspec.report.TestCommands.cmd;
import static dev.jailspec.report.TestCommands.probe;
import static dev.jailspec.report.TestCommands.stdin;
import static dev.jailspec.report.TestCommands.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.event.Outcome;
import dev.jailspec.event.CommandFinished;
import dev.jailspec.event.CommandInfo;
import dev.jailspec.event.CommandIntent;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.DownloadFinished;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.FileContent;
import dev.jailspec.event.FileWritten;
import dev.jailspec.event.Note;
import dev.jailspec.event.RunFinished;
import dev.jailspec.event.RunStarted;
import dev.jailspec.event.ScenarioFinished;
import dev.jailspec.event.ScenarioStarted;
import dev.jailspec.event.SettingsResolved;
import dev.jailspec.event.StepFinished;
import dev.jailspec.event.StepStarted;
import dev.jailspec.event.WaitFinished;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookExporterTest {
    private static final Instant AT = Instant.parse("2025-03-14T09:30:12Z");
    private static final String JAIL_CONF = """
            lrdev {
              path = "/zdata/jails/containers/${name}";
              exec.start = "/bin/sh /etc/rc";
            }
            """;
    private static final List<String> CLONE = List.of("zfs", "clone", "-o", "jailspec:run=r1",
            "zdata/jails/templates/14.3-RELEASE@base", "zdata/jails/containers/lrdev");
    private static final List<String> DNF = List.of("jexec", "lrdev", "chroot", "/compat/rocky", "dnf", "-y",
            "install", "dnf-command(config-manager)");

    @TempDir
    Path reports;

    private final EventBus bus = new EventBus();
    private final AtomicLong ids = new AtomicLong();


    private void attach(Path projectDir) {
        bus.register(new RunbookExporter(reports, projectDir));
    }

    private void command(List<String> argv, int exit) {
        command(argv, exit, "");
    }

    private void command(List<String> argv, int exit, String stdin) {
        command(cmd(argv), exit, stdin);
    }

    /** A command its tool said only reads state. */
    private void probeCommand(List<String> argv, int exit) {
        command(probe(argv), exit, "");
    }

    private void command(CommandInfo info, int exit, String stdin) {
        long id = ids.incrementAndGet();
        bus.publish(new CommandStarted(AT, id, info, "sim"));
        bus.publish(new CommandFinished(AT, id, info, exit, 3, "", exit == 0 ? "" : "failed\n", stdin(stdin)));
    }

    private void step(String text, Runnable body) {
        bus.publish(new StepStarted(AT, text, 1));
        body.run();
        bus.publish(new StepFinished(AT, text, Outcome.PASSED, ""));
    }

    private void aJailStarts(Path projectDir) {
        bus.publish(new RunStarted(AT, "r1", "sim"));
        bus.publish(new SettingsResolved(AT, Map.of("jailspec.jail.name", "lrdev"), Map.of("jailspec.jail.name", "default")));
        bus.publish(new ScenarioStarted(AT, "The jail's clone starts", projectDir.resolve("features/03_thin_jail.feature")
                .toUri().toString(), List.of("@runbook")));
        step("Given the template snapshot is cloned to the jail's dataset", () -> {
            probeCommand(List.of("zfs", "list", "-H", "-o", "name", "zdata/jails/containers/lrdev"), 1);
            command(CLONE, 0);
        });
        step("When the jail's configuration is written", () ->
                bus.publish(new FileWritten(AT, "/etc/jail.conf.d/lrdev.conf", 0644, text(JAIL_CONF))));
        step("And the jail is started with \"service jail start\"", () -> {
            command(List.of("service", "jail", "start", "lrdev"), 0);
            probeCommand(List.of("jls", "-j", "lrdev"), 0);
            bus.publish(new WaitFinished(AT, "jail lrdev running", 30_000, 12, 1, true));
        });
        step("And \"dnf -y install dnf-command(config-manager)\" runs in the Linux userland", () -> command(DNF, 0));
        // The After hook: teardown, outside any step.
        command(List.of("service", "jail", "onestop", "lrdev"), 0);
        bus.publish(new Note(AT, "teardown: stop the jail lrdev"));
        bus.publish(new ScenarioFinished(AT, "The jail's clone starts", Outcome.PASSED, ""));
        bus.publish(new RunFinished(AT, "r1", true));
    }

    private static String sh(Path script, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh"));
        command.addAll(List.of(options));
        command.add(script.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("sh %s %s said: %s", String.join(" ", options), script, out).isZero();
        return out;
    }

    @Test
    void aScenarioBecomesAScriptOfItsCommandsInOrderGroupedByStep(@TempDir Path project) throws Exception {
        attach(project);
        aJailStarts(project);

        Path script = reports.resolve("runbook/01-the-jail-s-clone-starts.sh");
        String text = Files.readString(script);
        assertThat(text).startsWith("#!/bin/sh\n# jailspec runbook, scenario 1: The jail's clone starts\n"
                + "# Feature: features/03_thin_jail.feature\n");
        assertThat(text).containsSubsequence(
                "# ---- Given the template snapshot is cloned to the jail's dataset\n",
                "zfs list -H -o name zdata/jails/containers/lrdev  # probe; exit 1\n",
                "zfs clone -o jailspec:run=r1 zdata/jails/templates/14.3-RELEASE@base zdata/jails/containers/lrdev\n",
                "# ---- When the jail's configuration is written\n",
                "cat > /etc/jail.conf.d/lrdev.conf <<'EOF'\n" + JAIL_CONF + "EOF\nchmod 0644 /etc/jail.conf.d/lrdev.conf\n",
                "service jail start lrdev\n",
                "jls -j lrdev  # probe\n",
                "# waited for jail lrdev running: done after 12 ms and 1 poll (timeout 30000 ms)",
                "jexec lrdev chroot /compat/rocky dnf -y install 'dnf-command(config-manager)'\n",
                "# ---- After the steps: hooks (the teardown of the scenario)\n",
                "service jail onestop lrdev\n",
                "# note: teardown: stop the jail lrdev\n");
        sh(script, "-n");
    }

    @Test
    void aCommandsOwnEnvironmentIsShownWithEnv(@TempDir Path project) throws Exception {
        attach(project);
        bus.publish(new ScenarioStarted(AT, "patch", "features/02.feature", List.of()));
        List<String> update = List.of("freebsd-update", "--not-running-from-cron", "-b", "/t", "fetch", "install");
        bus.publish(new CommandStarted(AT, 1,
                new CommandInfo(update, update, List.of(), Map.of("PAGER", "cat"), CommandIntent.CHANGE), "sim"));
        bus.publish(new CommandFinished(AT, 1, cmd(update), 0, 3, "", "", stdin("")));
        bus.publish(new ScenarioFinished(AT, "patch", Outcome.PASSED, ""));

        Path script = reports.resolve("runbook/01-patch.sh");
        assertThat(Files.readString(script))
                .contains("env PAGER=cat freebsd-update --not-running-from-cron -b /t fetch install\n");
        sh(script, "-n");
    }

    @Test
    void aLoginAgainAfterADroppedConnectionIsAComment(@TempDir Path project) throws Exception {
        attach(project);
        bus.publish(new ScenarioStarted(AT, "back", "features/07.feature", List.of()));
        bus.publish(new dev.jailspec.event.HostReconnect(AT, "ssh://root@192.0.2.10", 1, 3, true, ""));
        bus.publish(new ScenarioFinished(AT, "back", Outcome.PASSED, ""));

        Path script = reports.resolve("runbook/01-back.sh");
        assertThat(Files.readString(script)).contains("# the connection to ssh://root@192.0.2.10 had dropped; jailspec"
                + " logged in again: connected (attempt 1 of 3)\n");
        sh(script, "-n");
    }

    @Test
    void theMarkdownListsTheRunTheSettingsAndEveryScenarioWithItsScript(@TempDir Path project) throws IOException {
        attach(project);
        aJailStarts(project);

        String md = Files.readString(reports.resolve("runbook.md"));
        assertThat(md).startsWith("# Runbook of jailspec run r1\n");
        assertThat(md).contains("this is a dry run of what a real run does", "Run passed.",
                "| `jailspec.jail.name` | `lrdev` | default |",
                "| 1 | The jail's clone starts | features/03_thin_jail.feature | PASSED | "
                        + "[01-the-jail-s-clone-starts.sh](runbook/01-the-jail-s-clone-starts.sh) |");
        assertThat(md).containsSubsequence("### Given the template snapshot is cloned to the jail's dataset\n\n```sh\n",
                "zfs clone ", "```\n", "### When the jail's configuration is written", "cat > /etc/jail.conf.d/lrdev.conf",
                "### (After the steps: hooks (the teardown of the scenario))", "service jail onestop lrdev");
    }

    @Test
    void writtenFilesComeBackByteForByteWhenTheScriptRuns(@TempDir Path project, @TempDir Path host) throws Exception {
        Path plain = host.resolve("plain.conf");
        Path noNewline = host.resolve("no newline");
        Path tricky = host.resolve("tricky");
        Path empty = host.resolve("empty");
        String trickyContent = "EOF\n$HOME `id` $(id) \\ 'quoted' \"double\"\nEOF_1\n  EOF\n\n";
        attach(project);
        bus.publish(new RunStarted(AT, "r1", "sim"));
        bus.publish(new ScenarioStarted(AT, "files", "classpath:features/x.feature", List.of()));
        step("When files are written", () -> {
            bus.publish(new FileWritten(AT, plain.toString(), 0640, text(JAIL_CONF)));
            bus.publish(new FileWritten(AT, noNewline.toString(), 0600, text("last line without newline")));
            bus.publish(new FileWritten(AT, tricky.toString(), 0644, text(trickyContent)));
            bus.publish(new FileWritten(AT, empty.toString(), 0644, text("")));
        });
        bus.publish(new ScenarioFinished(AT, "files", Outcome.PASSED, ""));

        Path script = reports.resolve("runbook/01-files.sh");
        assertThat(Files.readString(script)).contains("<<'EOF_2'");
        sh(script, "-n");
        sh(script);

        assertThat(Files.readString(plain)).isEqualTo(JAIL_CONF);
        assertThat(Files.readString(noNewline)).isEqualTo("last line without newline");
        assertThat(Files.readString(tricky)).isEqualTo(trickyContent);
        assertThat(Files.readString(empty)).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(noNewline))).isEqualTo("rw-------");
    }

    @Test
    void stdinBecomesAHereDocumentAndTheCommandReadsItBack(@TempDir Path project) throws Exception {
        attach(project);
        bus.publish(new RunStarted(AT, "r1", "sim"));
        bus.publish(new ScenarioStarted(AT, "stdin", "classpath:features/x.feature", List.of()));
        step("When sh reads a script", () -> {
            command(List.of("sh", "-s"), 0, "echo 'from a here-document'\n");
            command(List.of("cat"), 0, "no newline at the end");
        });
        bus.publish(new ScenarioFinished(AT, "stdin", Outcome.PASSED, ""));

        Path script = reports.resolve("runbook/01-stdin.sh");
        assertThat(Files.readString(script)).contains("sh -s <<'EOF'\necho 'from a here-document'\nEOF\n");
        assertThat(sh(script)).isEqualTo("from a here-document\nno newline at the end");
    }

    @Test
    void aFailedStepAndScenarioAreSaidAndTheRestOfTheScriptStaysValid(@TempDir Path project) throws Exception {
        attach(project);
        bus.publish(new RunStarted(AT, "r1", "sim"));
        bus.publish(new ScenarioStarted(AT, "clone fails", "classpath:features/x.feature", List.of()));
        bus.publish(new StepStarted(AT, "When the template snapshot is cloned", 3));
        command(CLONE, 1);
        String error = "command `zfs clone ...` exited 1 (expected [0]):\n  cannot create 'x': dataset already exists";
        bus.publish(new StepFinished(AT, "When the template snapshot is cloned", Outcome.FAILED, error));
        bus.publish(new ScenarioFinished(AT, "clone fails", Outcome.FAILED, error));
        bus.publish(new RunFinished(AT, "r1", false));

        Path script = reports.resolve("runbook/01-clone-fails.sh");
        assertThat(Files.readString(script)).containsSubsequence(
                "zfs clone -o jailspec:run=r1 zdata/jails/templates/14.3-RELEASE@base zdata/jails/containers/lrdev  # exit 1\n",
                "# step FAILED: command `zfs clone ...` exited 1 (expected [0]):\n#   cannot create 'x': dataset already exists\n",
                "# scenario FAILED: command");
        sh(script, "-n");
        assertThat(Files.readString(reports.resolve("runbook.md"))).contains("Run FAILED.", "**Step FAILED**:");
    }

    @Test
    void commandsOutsideScenariosAndCopiedDownloadsAreKeptAsWhatTheyWere(@TempDir Path project) throws Exception {
        attach(project);
        bus.publish(new RunStarted(AT, "r1", "sim"));
        probeCommand(List.of("freebsd-version", "-kru"), 0);
        bus.publish(new ScenarioStarted(AT, "base system", "classpath:features/x.feature", List.of()));
        step("When the base system is fetched", () -> {
            bus.publish(new DownloadFinished(AT, "https://download.freebsd.org/releases/amd64/14.3-RELEASE/base.txz",
                    new DownloadFinished.CachedFile("/cache/base.txz"), 1000, false, "ab".repeat(32)));
            bus.publish(new FileWritten(AT, "/zdata/jails/media/14.3-RELEASE-base.txz", 0644,
                    new FileContent.Copied("/cache/base.txz", 1000)));
            command(List.of("tar", "-xf", "/zdata/jails/media/14.3-RELEASE-base.txz", "-C", "/zdata/jails/templates/14.3-RELEASE"), 0);
        });
        bus.publish(new ScenarioFinished(AT, "base system", Outcome.PASSED, ""));
        bus.publish(new RunFinished(AT, "r1", true));

        String before = Files.readString(reports.resolve("runbook/00-before-all.sh"));
        assertThat(before).contains("freebsd-version -kru  # probe\n");
        String scenario = Files.readString(reports.resolve("runbook/01-base-system.sh"));
        assertThat(scenario).contains("# jailspec downloaded https://download.freebsd.org/releases/amd64/14.3-RELEASE/base.txz",
                "# jailspec copied /cache/base.txz from the machine running it to /zdata/jails/media/14.3-RELEASE-base.txz"
                        + " (mode 0644); it is the download of https://download.freebsd.org/releases/amd64/14.3-RELEASE/base.txz\n",
                "tar -xf /zdata/jails/media/14.3-RELEASE-base.txz -C /zdata/jails/templates/14.3-RELEASE\n");
        assertThat(scenario).doesNotContain("cat >");
        sh(reports.resolve("runbook/00-before-all.sh"), "-n");
        sh(reports.resolve("runbook/01-base-system.sh"), "-n");
    }

    @Test
    void aNewRunStartsWithoutTheScriptsOfTheLastOne(@TempDir Path project) throws IOException {
        Files.createDirectories(reports.resolve("runbook"));
        Files.writeString(reports.resolve("runbook/07-old-scenario.sh"), "#!/bin/sh\n");
        attach(project);
        bus.publish(new RunStarted(AT, "r2", "sim"));

        assertThat(reports.resolve("runbook/07-old-scenario.sh")).doesNotExist();
        assertThat(Files.readString(reports.resolve("runbook.md"))).contains("Run in progress or stopped early");
    }

    @Test
    void slugsAreShortLowerCaseWordsJoinedByDashes() {
        // The here-document delimiters moved with the shell text: host.ShellScriptTest.
        assertThat(RunbookExporter.slug("The jail's dataset is a clone of the template snapshot"))
                .isEqualTo("the-jail-s-dataset-is-a-clone-of-the-template-snapshot");
        assertThat(RunbookExporter.slug("x".repeat(70) + " y")).hasSize(RunbookExporter.MAX_SLUG);
        assertThat(RunbookExporter.slug("***")).isEqualTo("scenario");
    }
}
