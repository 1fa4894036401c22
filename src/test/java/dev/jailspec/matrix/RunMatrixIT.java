package dev.jailspec.matrix;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jailspec.config.Matrix;
import dev.jailspec.config.Setting;
import dev.jailspec.config.Settings;
import dev.jailspec.config.SettingsLoader;
import dev.jailspec.provision.CellApplicability;
import dev.jailspec.report.MatrixCell;
import dev.jailspec.report.MatrixPage;
import dev.jailspec.report.MatrixPage.CellStatus;
import dev.jailspec.report.ReportListeners;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * The features once per cell of {@code -Djailspec.matrix=...} (pom.xml's matrix profile runs this
 * instead of RunFeaturesIT), one cell after the other on the one target, each in a JVM of its own
 * ({@link CellMain}) with its reports in {@code reports/cells/<cell>/}; then one report: the cells'
 * Allure results together in {@code reports/allure-results} (each scenario carries its cell, see
 * report.MatrixCell), {@code reports/matrix.md} and {@code reports/matrix.html} (copied beside the
 * HTML report's index.html). A cell that cannot run on this host is skipped as not applicable, with
 * the reason; a failed cell fails its test, naming the scenarios that did not pass.
 */
class RunMatrixIT {
    private static final Path REPORTS = Path.of("reports");
    private static final List<MatrixPage.Cell> OUTCOMES = Collections.synchronizedList(new ArrayList<>());

    @TestFactory
    Stream<DynamicTest> everyCell() {
        Settings settings = SettingsLoader.fromEnvironment(Path.of(""));
        String text = settings.get(Setting.MATRIX);
        if (text.isEmpty()) {
            throw new IllegalStateException("RunMatrixIT runs the cells of jailspec.matrix, which is empty: run mvn"
                    + " verify -Djailspec.matrix=freebsd=...;rocky=... (or without it, for RunFeaturesIT's one run)");
        }
        Matrix matrix = Matrix.parse(text, settings.get(Setting.LINUX_DISTRIBUTION));
        ReportListeners.clearMatrixPage(REPORTS); // an earlier matrix's page and cells are not this one's
        deleteIfExists(REPORTS.resolve(ReportListeners.EVENT_LOG)); // nor a single run's log: WaiverCheck reads the cells'
        System.out.println("[matrix] " + matrix.cells().size() + " cells: " + matrix.cells().stream().map(Matrix.Cell::id)
                .toList());
        return matrix.cells().stream().map(cell -> dynamicTest(cell.id(), () -> run(cell)));
    }

    private static void run(Matrix.Cell cell) throws Exception {
        Path dir = REPORTS.resolve(ReportListeners.CELLS).resolve(cell.id().replace(' ', '_'));
        Optional<String> notApplicable = CellApplicability.notApplicable(settingsOf(cell));
        if (notApplicable.isPresent()) {
            OUTCOMES.add(new MatrixPage.Cell(cell.id(), CellStatus.NOT_APPLICABLE, notApplicable, List.of()));
            System.out.println("[matrix] " + cell.id() + ": not applicable: " + notApplicable.get());
            throw new TestAbortedException("not applicable: " + notApplicable.get());
        }
        ReportListeners.clearAllureResults(dir);
        // Made before the cell runs: a cell whose JVM stops before it logs anything still shows (WaiverCheck).
        Files.createDirectories(dir);
        int exit = launch(cell, dir);
        List<MatrixPage.ScenarioResult> results = CellResults.read(dir.resolve("allure-results"));
        boolean passed = exit == 0 && !results.isEmpty();
        OUTCOMES.add(new MatrixPage.Cell(cell.id(), passed ? CellStatus.PASSED : CellStatus.FAILED, Optional.empty(), results));
        System.out.println("[matrix] " + cell.id() + ": " + (passed ? "passed" : "FAILED") + " (" + results.size()
                + " scenarios; reports in " + dir + ")");
        if (!passed) {
            List<String> failed = results.stream().filter(r -> !r.status().equals("passed"))
                    .map(r -> r.scenario() + " (" + r.status() + ")").toList();
            throw new AssertionError("cell " + cell.id() + " failed (exit " + exit + "): "
                    + (failed.isEmpty() ? "no scenario result was written" : String.join("; ", failed))
                    + "; its reports are in " + dir);
        }
    }

    /** The settings the cell runs with: the run's, with the cell's axes on top (as its JVM will load them). */
    private static Settings settingsOf(Matrix.Cell cell) {
        Properties props = new Properties();
        props.putAll(System.getProperties());
        props.remove(Setting.MATRIX.key());
        props.putAll(cell.settings());
        return SettingsLoader.load(Path.of(""), withoutMatrix(System.getenv()), props);
    }

    private static Map<String, String> withoutMatrix(Map<String, String> env) {
        var out = new java.util.HashMap<>(env);
        out.remove(Setting.MATRIX.envName());
        return out;
    }

    private static int launch(Matrix.Cell cell, Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(k -> k.startsWith("jailspec.") && !k.equals(Setting.MATRIX.key()) && !cell.settings().containsKey(k))
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        cell.settings().forEach((k, v) -> command.add("-D" + k + "=" + v));
        // A kept simulated host is kept per cell: each cell's host has its own release and templates.
        String simRoot = System.getProperty(Setting.SIM_ROOT.key(), "");
        if (!simRoot.isEmpty()) {
            command.removeIf(a -> a.startsWith("-D" + Setting.SIM_ROOT.key() + "="));
            command.add("-D" + Setting.SIM_ROOT.key() + "=" + Path.of(simRoot).resolve(cell.id().replace(' ', '_')));
        }
        command.add("-D" + CellMain.CELL + "=" + cell.id());
        command.add("-Dreports.dir=" + dir);
        command.add("-Dallure.results.directory=" + dir.resolve("allure-results").toAbsolutePath());
        command.add("-Dfeatures.exclude=" + System.getProperty("features.exclude", ""));
        command.add(CellMain.class.getName());
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove(Setting.MATRIX.envName());
        Process p = pb.start();
        try (var lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("[" + cell.id() + "] " + line);
            }
        }
        return p.waitFor();
    }

    @AfterAll
    static void oneReport() throws IOException {
        ReportListeners.clearAllureResults(REPORTS);
        Path results = Files.createDirectories(REPORTS.resolve(ReportListeners.ALLURE_RESULTS));
        for (MatrixPage.Cell c : OUTCOMES) {
            Path cellResults = REPORTS.resolve(ReportListeners.CELLS).resolve(c.title().replace(' ', '_')).resolve("allure-results");
            if (Files.isDirectory(cellResults)) {
                try (Stream<Path> files = Files.list(cellResults)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Files.copy(f, results.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        MatrixPage page = new MatrixPage(OUTCOMES);
        Files.writeString(REPORTS.resolve(MatrixPage.MARKDOWN), page.markdown());
        Files.writeString(REPORTS.resolve(MatrixCell.MATRIX_PAGE), page.html());
        System.out.println("[matrix] " + REPORTS.resolve(MatrixPage.MARKDOWN) + (page.failedCells().isEmpty() ? ""
                : "; failed cells: " + String.join(", ", page.failedCells())));
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot remove " + file, e);
        }
    }

}
