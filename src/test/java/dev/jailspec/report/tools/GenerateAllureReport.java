package dev.jailspec.report.tools;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Run by Maven after the features ({@code exec:java} in post-integration-test, pom.xml): makes
 * the HTML report {@code reports/allure-report} from {@code reports/allure-results} with
 * allure-commandline (unpacked from Maven Central by the dependency plugin), in a JVM of its own.
 * The previous report's {@code history/} is copied into the results first, so the trend charts
 * go on from run to run. Results no newer than the report (a build with -DskipTests) leave the
 * report alone, so a run is never counted twice in the history.
 *
 * <p>Arguments: allure-commandline's home, the results directory, the report directory.
 */
public final class GenerateAllureReport {
    static final long TIMEOUT_SECONDS = 180;

    private GenerateAllureReport() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: GenerateAllureReport ALLURE_HOME RESULTS_DIR REPORT_DIR");
        }
        generate(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }

    /** Returns false when there was nothing new to report. */
    static boolean generate(Path allureHome, Path results, Path report) throws IOException, InterruptedException {
        if (!hasResults(results)) {
            System.out.println("[allure] no results in " + results + ": no report made (did the features run?)");
            return false;
        }
        if (upToDate(results, report)) {
            System.out.println("[allure] " + report + " is newer than every result: left as it is");
            return false;
        }
        int carried = carryHistory(report, results);
        if (carried > 0) {
            System.out.println("[allure] carried " + carried + " history files from the previous report");
        }
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", allureHome.resolve("lib") + File.separator + "*" + File.pathSeparator + allureHome.resolve("lib/config"),
                "io.qameta.allure.CommandLine", "generate", "--clean", "-o", report.toString(), results.toString());
        var pb = new ProcessBuilder(command).inheritIO();
        // allure-commandline finds its config (the plugins: behaviors, packages, ...) through APP_HOME.
        pb.environment().put("APP_HOME", allureHome.toString());
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("allure generate did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(report.resolve("index.html"))) {
            throw new IllegalStateException("allure generate exited " + p.exitValue() + " without making "
                    + report.resolve("index.html") + "; command: " + String.join(" ", command));
        }
        // A matrix run's page (RunMatrixIT) goes beside index.html, where each result's link points.
        Path matrixPage = results.resolveSibling("matrix.html");
        if (Files.isRegularFile(matrixPage)) {
            Files.copy(matrixPage, report.resolve("matrix.html"), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("[allure] release matrix: " + report.resolve("matrix.html"));
        }
        System.out.println("[allure] report: " + report.resolve("index.html")
                + " (it needs HTTP: " + allureHome.resolve("bin/allure") + " open " + report + ")");
        return true;
    }

    static boolean hasResults(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return false;
        }
        try (Stream<Path> files = Files.list(results)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith("-result.json"));
        }
    }

    static boolean upToDate(Path results, Path report) throws IOException {
        Path index = report.resolve("index.html");
        if (!Files.isRegularFile(index)) {
            return false;
        }
        FileTime made = Files.getLastModifiedTime(index);
        try (Stream<Path> files = Files.list(results)) {
            return files.filter(Files::isRegularFile).allMatch(f -> modified(f).compareTo(made) <= 0);
        }
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code report/history/*} to {@code results/history/}; returns how many files. */
    static int carryHistory(Path report, Path results) throws IOException {
        Path from = report.resolve("history");
        if (!Files.isDirectory(from)) {
            return 0;
        }
        Path to = Files.createDirectories(results.resolve("history"));
        int n = 0;
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    n++;
                }
            }
        }
        return n;
    }
}
