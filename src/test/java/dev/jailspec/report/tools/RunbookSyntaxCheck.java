package dev.jailspec.report.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Run by Maven after the features ({@code exec:java}, pom.xml): every runbook script the run
 * wrote must pass {@code sh -n}, so a person can follow it without first fixing its syntax.
 *
 * <p>Argument: the runbook directory ({@code reports/runbook}).
 */
public final class RunbookSyntaxCheck {
    private RunbookSyntaxCheck() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: RunbookSyntaxCheck RUNBOOK_DIR");
        }
        List<String> failures = check(Path.of(args[0]));
        if (!failures.isEmpty()) {
            throw new IllegalStateException("[runbook] " + failures.size() + " script(s) fail sh -n:\n"
                    + String.join("\n", failures));
        }
    }

    /** {@code sh -n} on each {@code *.sh}; returns what failed, as "file: what sh said". */
    static List<String> check(Path dir) throws IOException, InterruptedException {
        if (!Files.isDirectory(dir)) {
            System.out.println("[runbook] no " + dir + ": nothing to check");
            return List.of();
        }
        List<Path> scripts;
        try (Stream<Path> files = Files.list(dir)) {
            scripts = files.filter(f -> f.getFileName().toString().endsWith(".sh")).sorted().toList();
        }
        var failures = new ArrayList<String>();
        for (Path script : scripts) {
            Process p = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                failures.add(script + ": sh -n did not finish");
            } else if (p.exitValue() != 0) {
                failures.add(script + ": " + said);
            }
        }
        System.out.println("[runbook] " + (scripts.size() - failures.size()) + " of " + scripts.size()
                + " scripts in " + dir + " pass sh -n");
        return failures;
    }
}
