package dev.jailspec.matrix;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jailspec.config.Matrix;
import dev.jailspec.config.Setting;
import dev.jailspec.config.Settings;
import dev.jailspec.config.SettingsLoader;
import dev.jailspec.config.Target;
import dev.jailspec.provision.CellApplicability;
import dev.jailspec.report.MatrixPage.CellStatus;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * The features once per cell of {@code -Djailspec.matrix=...} (pom.xml's matrix profile runs this
 * instead of RunFeaturesIT), each in a JVM of its own ({@link CellMain}) with its reports in
 * {@code reports/cells/<cell>/}: on the one target one cell after the other, or spread over the hosts
 * of {@code jailspec.targets}, each host one cell at a time, the hosts in parallel
 * ({@link HostScheduler}); then one report ({@link MatrixRun}). A test per cell: a cell that cannot run
 * on its host is skipped as not applicable, with the reason; a failed cell fails its test, naming the
 * scenarios that did not pass or the host that dropped out.
 */
class RunMatrixIT {
    private static final Path REPORTS = Path.of("reports");

    @TestFactory
    Stream<DynamicTest> everyCell() throws InterruptedException {
        Settings settings = SettingsLoader.fromEnvironment(Path.of(""));
        String text = settings.get(Setting.MATRIX);
        if (text.isEmpty()) {
            throw new IllegalStateException("RunMatrixIT runs the cells of jailspec.matrix, which is empty: run mvn"
                    + " verify -Djailspec.matrix=freebsd=...;rocky=... (or without it, for RunFeaturesIT's one run)");
        }
        Matrix matrix = Matrix.parse(text, settings.get(Setting.LINUX_DISTRIBUTION));
        List<Target> targets = settings.targets();
        List<MatrixHost> hosts = targets.isEmpty() ? List.of(new MatrixHost(settings.target().toString(), Map.of()))
                : targets.stream().map(t -> MatrixHost.target(t.toString())).toList();
        // On real hosts each cell's preflight asks the host itself (CellApplicability decides on sim only).
        Function<Matrix.Cell, Optional<String>> notApplicable = targets.isEmpty()
                ? cell -> CellApplicability.notApplicable(settingsOf(cell)) : cell -> Optional.empty();
        List<MatrixRun.Result> results = new MatrixRun(REPORTS, hosts, runProperties(), e -> { })
                .run(matrix.cells(), notApplicable);
        return results.stream().map(r -> dynamicTest(r.cell().id(), () -> judge(r)));
    }

    private static void judge(MatrixRun.Result r) {
        if (r.page().status() == CellStatus.NOT_APPLICABLE) {
            throw new TestAbortedException("not applicable: " + r.page().reason().orElseThrow());
        }
        if (r.page().status() == CellStatus.FAILED) {
            CellOutcome outcome = r.placement().orElseThrow().outcome();
            throw new AssertionError("cell " + r.cell().id() + " failed: " + (outcome instanceof CellOutcome.Ran ran
                    ? ran.detail() : r.page().reason().orElse("")) + r.page().host().map(h -> " (on " + h + ")").orElse("")
                    + "; its reports are in " + CellLauncher.dirOf(REPORTS.resolve("cells"), r.cell()));
        }
    }

    /** What every cell's JVM gets: the run's -Djailspec.* but the matrix and its hosts, and the tags left out. */
    private static Map<String, String> runProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(k -> k.startsWith("jailspec.") && !k.equals(Setting.MATRIX.key()) && !k.equals(Setting.TARGETS.key()))
                .forEach(k -> props.put(k, System.getProperty(k)));
        props.put("features.exclude", System.getProperty("features.exclude", ""));
        // -Dcucumber.features narrows every cell as it narrows a run without a matrix.
        String features = System.getProperty("cucumber.features", "");
        if (!features.isBlank()) {
            props.put(CellMain.SELECT, features);
        }
        return props;
    }

    /** The settings the cell runs with: the run's, with the cell's axes on top (as its JVM will load them). */
    private static Settings settingsOf(Matrix.Cell cell) {
        Properties props = new Properties();
        props.putAll(System.getProperties());
        props.remove(Setting.MATRIX.key());
        props.putAll(cell.settings());
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(Setting.MATRIX.envName());
        return SettingsLoader.load(Path.of(""), env, props);
    }
}
