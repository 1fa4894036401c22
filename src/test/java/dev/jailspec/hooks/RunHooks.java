package dev.jailspec.hooks;

import dev.jailspec.config.Setting;
import dev.jailspec.config.Settings;
import dev.jailspec.config.SettingsException;
import dev.jailspec.config.SettingsLoader;
import dev.jailspec.matrix.CellMain;
import dev.jailspec.provision.JailspecRun;
import dev.jailspec.config.TemplateKind;
import dev.jailspec.report.MatrixCell;
import dev.jailspec.report.RunContext;
import io.cucumber.java.AfterAll;
import io.cucumber.java.BeforeAll;
import dev.jailspec.report.Waiver;
import dev.jailspec.report.WaiverFile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * One run per JVM: settings are read and checked, the target host is opened once, and closed
 * after the last scenario. A bad setting fails here, before any host is touched.
 */
public final class RunHooks {
    private static JailspecRun run;
    private static List<Waiver> waivers = List.of();

    /**
     * A malformed waivers file, or a waiver past its date (on the run's clock), stops the run here,
     * naming the line, before any host is touched.
     */
    @BeforeAll
    public static void openRun() {
        Settings settings = SettingsLoader.fromEnvironment(Path.of(""));
        if (!settings.get(Setting.MATRIX).isEmpty() && System.getProperty(CellMain.CELL) == null) {
            // Maven picks the matrix runner by a -D property only (pom.xml, profile "matrix").
            throw new SettingsException(Setting.MATRIX.key() + " is set (" + settings.sourceOf(Setting.MATRIX)
                    + ") but this is a single run: give the matrix on Maven's command line,"
                    + " mvn verify -D" + Setting.MATRIX.key() + "=..., so that its cells run, or unset it");
        }
        List<Waiver> loaded = WaiverFile.load(Path.of(WaiverFile.PATH));
        LocalDate today = LocalDate.now(settings.clock());
        List<String> expired = loaded.stream().filter(w -> w.expiredOn(today))
                .map(w -> "line " + w.line() + ": " + w.describe()).toList();
        if (!expired.isEmpty()) {
            throw new IllegalStateException("expired waivers in " + WaiverFile.PATH + " (today is " + today
                    + "): fix the scenario or extend the waiver with a reason:\n  " + String.join("\n  ", expired));
        }
        waivers = loaded;
        run = JailspecRun.open(settings, RunContext.bus(), RunContext.runId());
        RunContext.useCell(cellOf(run), System.getProperty(CellMain.CELL) != null);
    }

    /** The run's waivers (waivers.tsv), checked at its start. */
    static List<Waiver> waivers() {
        return waivers;
    }

    /**
     * The run's cell of the release matrix, on every scenario's result: the FreeBSD and Rocky releases,
     * the simulated host's where it is not the template's, and the template kind where it is not dist; so results of several runs (the cells of
     * a matrix, CI jobs merged by ci-examples/merge-cells.sh) stay results of their own. A cell of a
     * matrix on real hosts also names the host it ran on (jailspec.targets spreads the cells over several).
     */
    private static MatrixCell cellOf(JailspecRun run) {
        Settings s = run.settings();
        MatrixCell cell = MatrixCell.of(s.freebsdRelease(), run.linuxUserland().distribution().name(),
                run.linuxUserland().settings().release());
        cell = !s.target().isReal() && !s.simRelease().equals(s.freebsdRelease()) ? cell.withAxis("Host", s.simRelease()) : cell;
        // The how-to's kind (dist) is every cell's unless it says otherwise, so earlier results keep their history.
        cell = s.templateKind() == TemplateKind.DIST ? cell : cell.withAxis("Template", s.templateKind().word());
        return s.target().isReal() && System.getProperty(CellMain.CELL) != null ? cell.onHost(s.target().toString()) : cell;
    }

    @AfterAll
    public static void closeRun() {
        if (run != null) {
            run.close();
        }
    }

    static JailspecRun run() {
        if (run == null) {
            throw new IllegalStateException("the jailspec run was not opened; see the first error of this build");
        }
        return run;
    }
}
