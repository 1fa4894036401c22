package dev.jailspec.matrix;

import dev.jailspec.config.Matrix;
import dev.jailspec.matrix.HostScheduler.Event;
import dev.jailspec.matrix.HostScheduler.Placement;
import dev.jailspec.report.MatrixCell;
import dev.jailspec.report.MatrixPage;
import dev.jailspec.report.MatrixPage.CellStatus;
import dev.jailspec.report.ReportListeners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A release matrix's cells run on its hosts ({@link HostScheduler}, a JVM per cell by
 * {@link CellLauncher}), then one report in {@code reports}: the cells' Allure results together in
 * {@code allure-results} (each scenario carries its cell, report.MatrixCell), {@code matrix.md} and
 * {@code matrix.html}. The console says which cell runs on which host, which host dropped out and
 * where its cells went.
 */
final class MatrixRun {
    /** A cell and what became of it: its page entry, and where it ran (empty when not applicable). */
    record Result(Matrix.Cell cell, MatrixPage.Cell page, Optional<Placement<Matrix.Cell>> placement) {
    }

    private final Path reports;
    private final List<MatrixHost> hosts;
    private final Map<String, String> runProperties;
    private final Consumer<Event<Matrix.Cell>> watcher;

    /** {@code watcher} sees the scheduler's events after the console (a test waits on them). */
    MatrixRun(Path reports, List<MatrixHost> hosts, Map<String, String> runProperties, Consumer<Event<Matrix.Cell>> watcher) {
        this.reports = reports;
        this.hosts = List.copyOf(hosts);
        this.runProperties = Map.copyOf(runProperties);
        this.watcher = watcher;
    }

    private Path cells() {
        return reports.resolve(ReportListeners.CELLS);
    }

    /** Runs the cells {@code notApplicable} leaves, in the matrix's order, and writes the one report. */
    List<Result> run(List<Matrix.Cell> cells, Function<Matrix.Cell, Optional<String>> notApplicable)
            throws InterruptedException {
        ReportListeners.clearMatrixPage(reports); // an earlier matrix's page and cells are not this one's
        deleteIfExists(reports.resolve(ReportListeners.EVENT_LOG)); // nor a single run's log: WaiverCheck reads the cells'
        System.out.println("[matrix] " + cells.size() + " cells on " + hosts + ": " + cells.stream().map(Matrix.Cell::id).toList());
        Map<Matrix.Cell, String> skipped = new LinkedHashMap<>();
        cells.forEach(c -> notApplicable.apply(c).ifPresent(why -> skipped.put(c, why)));
        skipped.forEach((c, why) -> System.out.println("[matrix] " + c.id() + ": not applicable: " + why));
        List<Matrix.Cell> runnable = cells.stream().filter(c -> !skipped.containsKey(c)).toList();
        var launcher = new CellLauncher(cells(), runProperties, hosts.size() > 1);
        Map<Matrix.Cell, Placement<Matrix.Cell>> placed = new LinkedHashMap<>();
        // A dropped host is asked again, 3 times 10 s apart, whether its sshd answers; back, it takes cells again.
        var recheck = new HostScheduler.Recheck(new SshBannerCheck(Duration.ofSeconds(5)), 3, Duration.ofSeconds(10));
        new HostScheduler<>(hosts, launcher, this::tell, Clock.systemUTC(), recheck).run(runnable)
                .forEach(p -> placed.put(p.cell(), p));
        for (Placement<Matrix.Cell> p : placed.values()) {
            if (p.outcome() instanceof CellOutcome.NotRun) {
                // Its directory without a log: WaiverCheck, which judges every cell's log, fails the build for it.
                createDirectories(CellLauncher.dirOf(cells(), p.cell()));
            }
        }
        List<Result> results = new ArrayList<>();
        for (Matrix.Cell c : cells) {
            results.add(skipped.containsKey(c)
                    ? new Result(c, new MatrixPage.Cell(c.id(), CellStatus.NOT_APPLICABLE, Optional.of(skipped.get(c)), List.of()),
                            Optional.empty())
                    : new Result(c, pageCell(placed.get(c)), Optional.of(placed.get(c))));
        }
        oneReport(results.stream().map(Result::page).toList());
        return results;
    }

    private MatrixPage.Cell pageCell(Placement<Matrix.Cell> p) {
        List<MatrixPage.ScenarioResult> scenarios = p.host().isEmpty() ? List.of() : scenarios(p.cell());
        Optional<String> host = hosts.size() > 1 ? p.host().map(MatrixHost::name) : Optional.empty();
        Optional<String> reason = p.outcome() instanceof CellOutcome.HostLost l ? Optional.of("its host dropped out: "
                + l.reason()) : p.outcome() instanceof CellOutcome.NotRun n ? Optional.of(n.reason()) : Optional.empty();
        return new MatrixPage.Cell(p.cell().id(), p.outcome().passed() ? CellStatus.PASSED : CellStatus.FAILED, reason,
                scenarios, host);
    }

    private List<MatrixPage.ScenarioResult> scenarios(Matrix.Cell cell) {
        try {
            return CellResults.read(CellLauncher.dirOf(cells(), cell).resolve(ReportListeners.ALLURE_RESULTS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results of cell " + cell.id(), e);
        }
    }

    private void tell(Event<Matrix.Cell> event) {
        if (event instanceof Event.Started<Matrix.Cell> s) {
            System.out.println("[matrix] " + s.cell().id() + ": runs on " + s.host());
        } else if (event instanceof Event.Finished<Matrix.Cell> f) {
            System.out.println("[matrix] " + f.placement().cell().id() + ": " + finished(f.placement()));
        } else if (event instanceof Event.HostDropped<Matrix.Cell> d) {
            System.out.println("[matrix] host " + d.host() + " dropped out: " + d.reason() + d.requeued()
                    .map(c -> "; " + c.id() + " had not begun there and goes back to the queue").orElse("") + "; " + moves(d));
        } else if (event instanceof Event.HostReadmitted<Matrix.Cell> r) {
            System.out.println("[matrix] host " + r.host() + " reconnected (re-check " + r.attempt() + ") and takes cells"
                    + " again; queued: " + r.queued().stream().map(Matrix.Cell::id).collect(Collectors.joining(", ")));
        } else if (event instanceof Event.HostStaysOut<Matrix.Cell> o) {
            System.out.println("[matrix] host " + o.host() + " stays out: " + o.lastFailure());
        }
        watcher.accept(event);
    }

    private String finished(Placement<Matrix.Cell> p) {
        String where = p.host().map(h -> " on " + h).orElse("");
        int count = p.host().isEmpty() ? 0 : scenarios(p.cell()).size();
        String dir = " (" + count + " scenarios; reports in " + CellLauncher.dirOf(cells(), p.cell()) + ")";
        if (p.outcome() instanceof CellOutcome.Ran r) {
            return (r.passed() ? "passed" : "FAILED: " + r.detail()) + where + dir;
        }
        if (p.outcome() instanceof CellOutcome.HostLost l) {
            return "FAILED" + where + ": the host dropped out during the cell (transport error: " + l.reason() + ")" + dir;
        }
        return "FAILED: " + ((CellOutcome.NotRun) p.outcome()).reason();
    }

    private static String moves(Event.HostDropped<Matrix.Cell> d) {
        if (d.queued().isEmpty()) {
            return "no cell is left in the queue";
        }
        String queued = d.queued().stream().map(Matrix.Cell::id).collect(Collectors.joining(", "));
        return d.left().isEmpty() ? "no host is left: " + queued + " will not run"
                : queued + (d.queued().size() == 1 ? " moves to " : " move to ") + d.left().stream().map(MatrixHost::name).collect(Collectors.joining(", "));
    }

    private void oneReport(List<MatrixPage.Cell> outcomes) {
        try {
            ReportListeners.clearAllureResults(reports);
            Path results = Files.createDirectories(reports.resolve(ReportListeners.ALLURE_RESULTS));
            for (MatrixPage.Cell c : outcomes) {
                Path cellResults = cells().resolve(c.title().replace(' ', '_')).resolve(ReportListeners.ALLURE_RESULTS);
                if (Files.isDirectory(cellResults)) {
                    try (Stream<Path> files = Files.list(cellResults)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            Files.copy(f, results.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            MatrixPage page = new MatrixPage(outcomes);
            Files.writeString(reports.resolve(MatrixPage.MARKDOWN), page.markdown());
            Files.writeString(reports.resolve(MatrixCell.MATRIX_PAGE), page.html());
            System.out.println("[matrix] " + reports.resolve(MatrixPage.MARKDOWN) + (page.failedCells().isEmpty() ? ""
                    : "; failed cells: " + String.join(", ", page.failedCells())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the matrix's report in " + reports, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir, e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }
}
