package dev.jailspec.report.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jailspec.event.DiagnosisCollected;
import dev.jailspec.event.EventBus;
import dev.jailspec.provision.JailspecRun;
import dev.jailspec.provision.Provisioner;
import dev.jailspec.provision.SimRuns;
import dev.jailspec.report.AllureBridge;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed scenario's diagnosis, gathered on the sim, comes out of the real Allure command line
 * as one attachment per probe on the scenario's page in Chromium, each probe's text there. Skips
 * without Chromium or the unpacked Allure command line, saying so; under CI=true (.ci/run) it fails.
 */
class DiagnosisInReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFailedScenariosReportShowsAnAttachmentForEveryProbe(@TempDir Path dir) throws Exception {
        Path chromium = require(BrowserCheck.findChromium(System.getenv("CHROMIUM"), System.getenv("PATH")),
                "no Chromium (chromium, chromium-browser, google-chrome on the PATH, or $CHROMIUM)");
        Path allureCli = require(allureCommandLine(), "no Allure command line under target/allure-commandline (the pom unpacks it)");

        Path results = dir.resolve("allure-results");
        List<DiagnosisCollected.Probe> probes = failedScenarioWithDiagnosis(dir, results);

        Path report = dir.resolve("report");
        Process generate = new ProcessBuilder(allureCli.toString(), "generate", results.toString(), "-o", report.toString(), "--clean")
                .redirectErrorStream(true).redirectOutput(dir.resolve("generate.log").toFile()).start();
        assertThat(generate.waitFor(180, TimeUnit.SECONDS)).as("allure generate finished").isTrue();
        assertThat(generate.exitValue()).as("allure generate: %s", Files.readString(dir.resolve("generate.log"))).isZero();

        JsonNode testCase;
        try (Stream<Path> cases = Files.list(report.resolve("data/test-cases"))) {
            testCase = JSON.readTree(cases.findFirst().orElseThrow().toFile());
        }
        List<JsonNode> attachments = new ArrayList<>();
        testCase.at("/testStage/steps").forEach(step -> step.path("attachments").forEach(attachments::add));
        try (var server = ReportServer.start(report)) {
            String page = BrowserCheck.text(BrowserCheck.dumpDom(chromium, server.url("index.html#testresult/" + testCase.get("uid").asText())));
            for (DiagnosisCollected.Probe probe : probes) {
                assertThat(page).as("the scenario's page lists the probe %s", probe.name()).contains("diagnosis: " + probe.name());
            }
            JsonNode routes = attachments.stream().filter(a -> a.get("name").asText().equals("diagnosis: jail routes"))
                    .findFirst().orElseThrow();
            String shown = BrowserCheck.attachmentText(BrowserCheck.dumpDom(chromium, server.url("index.html#testresult/"
                    + testCase.get("uid").asText() + "?attachment=" + URLEncoder.encode(routes.get("uid").asText(), StandardCharsets.UTF_8))))
                    .orElseThrow(() -> new AssertionError("the jail routes attachment is not shown"));
            assertThat(shown).contains("netstat -rn", "Routing tables", "Internet:");
        }
    }

    /** A scenario that failed in its step, the diagnosis of a running Linux jail on the sim attached to it. */
    private static List<DiagnosisCollected.Probe> failedScenarioWithDiagnosis(Path dir, Path results) throws Exception {
        Path root = dir.resolve("host");
        SimRuns.copy(SimRuns.templateHost(), root);
        Files.createDirectories(results);
        AllureLifecycle allure = new AllureLifecycle(new FileSystemResultsWriter(results));
        var bus = new EventBus();
        bus.register(new AllureBridge(allure));
        List<DiagnosisCollected> diagnoses = new ArrayList<>();
        bus.subscribe(DiagnosisCollected.class, diagnoses::add);
        String test = UUID.randomUUID().toString();
        allure.scheduleTestCase(new TestResult().setUuid(test).setName("The Linux jail runs").setFullName("diagnosis: The Linux jail runs"));
        allure.startTestCase(test);
        String step = UUID.randomUUID().toString();
        allure.startStep(test, step, new StepResult().setName("Then the jail runs"));
        try (JailspecRun run = JailspecRun.open(SimRuns.settings(root, SimRuns.cache(), "5s"), bus, "diagreport")) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            p.diagnose("The Linux jail runs");
            p.teardown();
        }
        allure.updateStep(step, s -> s.setStatus(Status.FAILED));
        allure.stopStep(step);
        allure.updateTestCase(test, t -> t.setStatus(Status.FAILED));
        allure.stopTestCase(test);
        allure.writeTestCase(test);
        assertThat(diagnoses).hasSize(1);
        return diagnoses.get(0).probes();
    }

    private static Optional<Path> allureCommandLine() throws Exception {
        Path unpacked = Path.of("target/allure-commandline");
        if (!Files.isDirectory(unpacked)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(unpacked)) {
            return homes.map(h -> h.resolve("bin/allure")).filter(Files::isExecutable).findFirst().map(Path::toAbsolutePath);
        }
    }

    private static Path require(Optional<Path> tool, String why) {
        if (tool.isEmpty()) {
            if (BrowserCheck.isCi(System.getenv("CI"))) {
                fail("CI=true: " + why);
            }
            assumeTrue(false, why);
        }
        return tool.get();
    }
}
