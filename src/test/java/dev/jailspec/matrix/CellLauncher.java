package dev.jailspec.matrix;

import dev.jailspec.config.Matrix;
import dev.jailspec.config.Setting;
import dev.jailspec.report.MatrixPage;
import dev.jailspec.report.ReportListeners;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one cell on one host: a JVM of its own ({@link CellMain}) with the run's jailspec settings,
 * then the host's system properties, then the cell's settings (each later one wins), its reports in
 * {@code <cells>/<cell>/}, its console echoed line by line with the cell (and host) in front.
 */
final class CellLauncher implements HostScheduler.CellRunner<Matrix.Cell> {
    private final Path cells;
    private final Map<String, String> runProperties;
    private final boolean nameHost;

    /** {@code runProperties}: what every cell gets (the run's -Djailspec.*, features.exclude, ...). */
    CellLauncher(Path cells, Map<String, String> runProperties, boolean nameHost) {
        this.cells = cells;
        this.runProperties = Map.copyOf(runProperties);
        this.nameHost = nameHost;
    }

    static Path dirOf(Path cells, Matrix.Cell cell) {
        return cells.resolve(cell.id().replace(' ', '_'));
    }

    @Override
    public CellOutcome run(Matrix.Cell cell, MatrixHost host) throws IOException, InterruptedException {
        Path dir = dirOf(cells, cell);
        ReportListeners.clearAllureResults(dir);
        HostLoss.clear(dir);  // a cell handed back by a host that dropped out runs again here
        // Made before the cell runs: a cell whose JVM stops before it logs anything still shows (WaiverCheck).
        Files.createDirectories(dir);
        int exit = launch(cell, host, dir);
        if (exit == CellMain.HOST_LOST) {
            HostLoss loss = HostLoss.readFrom(dir).orElseThrow(() -> new IllegalStateException("the cell " + cell.id()
                    + " exited " + CellMain.HOST_LOST + " (host lost) without " + HostLoss.FILE + " in " + dir));
            return new CellOutcome.HostLost(loss.reason(), loss.scenariosStarted() > 0);
        }
        List<MatrixPage.ScenarioResult> results = CellResults.read(dir.resolve(ReportListeners.ALLURE_RESULTS));
        List<String> failed = results.stream().filter(r -> !r.status().equals("passed"))
                .map(r -> r.scenario() + " (" + r.status() + ")").toList();
        boolean passed = exit == 0 && !results.isEmpty();
        return new CellOutcome.Ran(passed, passed ? "" : "exit " + exit + ": "
                + (failed.isEmpty() ? "no scenario result was written" : String.join("; ", failed)));
    }

    private int launch(Matrix.Cell cell, MatrixHost host, Path dir) throws IOException, InterruptedException {
        Map<String, String> props = new LinkedHashMap<>(runProperties);
        props.putAll(host.properties());
        props.putAll(cell.settings());
        // A kept simulated host is kept per cell: each cell's host has its own release and templates.
        String simRoot = props.getOrDefault(Setting.SIM_ROOT.key(), "");
        if (!simRoot.isEmpty()) {
            props.put(Setting.SIM_ROOT.key(), Path.of(simRoot).resolve(cell.id().replace(' ', '_')).toString());
        }
        props.put(CellMain.CELL, cell.id());
        props.put("reports.dir", dir.toString());
        props.put("allure.results.directory", dir.resolve(ReportListeners.ALLURE_RESULTS).toAbsolutePath().toString());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(CellMain.class.getName());
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove(Setting.MATRIX.envName());
        pb.environment().remove(Setting.TARGETS.envName());
        String prefix = "[" + cell.id() + (nameHost ? " @ " + host : "") + "] ";
        Process p = pb.start();
        try (var lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println(prefix + line);
            }
            return p.waitFor();
        } catch (IOException | InterruptedException e) {
            p.destroyForcibly();  // the build stopped: the cell's JVM goes too
            throw e;
        }
    }
}
