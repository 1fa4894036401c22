package dev.jailspec.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The release matrix of one run as a page: cells (columns) × scenarios (rows), each entry passed,
 * failed, or not applicable with the cell's reason; written as {@code reports/matrix.md} and as
 * {@code matrix.html} beside the Allure report's {@code index.html}, each entry linking to its result
 * in the report.
 */
public final class MatrixPage {
    /** The markdown page's name in reports/; the HTML page is {@link MatrixCell#MATRIX_PAGE}. */
    public static final String MARKDOWN = "matrix.md";

    /** What a cell came to. */
    public enum CellStatus { PASSED, FAILED, NOT_APPLICABLE }

    /** One scenario's result in one cell: the Allure result's uuid (for the link), its name and status. */
    public record ScenarioResult(String feature, String scenario, String status, String uuid) {
        public ScenarioResult {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(uuid, "uuid");
        }
    }

    /**
     * One cell: its title, status, why it is not applicable or failed outside its scenarios (empty
     * otherwise: e.g. its host dropped out), its scenarios, and the host it ran on where the matrix was
     * spread over several (jailspec.targets).
     */
    public record Cell(String title, CellStatus status, Optional<String> reason, List<ScenarioResult> scenarios,
                       Optional<String> host) {
        public Cell {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(host, "host");
            scenarios = List.copyOf(scenarios);
            if (status == CellStatus.NOT_APPLICABLE && reason.isEmpty()) {
                throw new IllegalArgumentException("a cell that is not applicable says why: " + title);
            }
        }

        /** A cell of a matrix on one target. */
        public Cell(String title, CellStatus status, Optional<String> reason, List<ScenarioResult> scenarios) {
            this(title, status, reason, scenarios, Optional.empty());
        }
    }

    private final List<Cell> cells;
    /** feature -> scenarios, in the order the cells met them. */
    private final Map<String, Set<String>> rows = new LinkedHashMap<>();

    public MatrixPage(List<Cell> cells) {
        this.cells = List.copyOf(cells);
        for (Cell c : cells) {
            for (ScenarioResult r : c.scenarios()) {
                rows.computeIfAbsent(r.feature(), f -> new LinkedHashSet<>()).add(r.scenario());
            }
        }
    }

    /** The cells that failed: the run fails when there is any. */
    public List<String> failedCells() {
        return cells.stream().filter(c -> c.status() == CellStatus.FAILED).map(Cell::title).toList();
    }

    public String markdown() {
        var out = new StringBuilder("# Release matrix\n\n");
        out.append(summary()).append("\n\n");
        for (Cell c : cells) {
            c.reason().ifPresent(r -> out.append("- **").append(c.title()).append("**: ")
                    .append(c.status() == CellStatus.NOT_APPLICABLE ? "not applicable: " : "").append(md(r)).append('\n'));
            c.host().ifPresent(h -> out.append("- **").append(c.title()).append("** ran on ").append(md(h)).append('\n'));
        }
        out.append("\n| feature | scenario |");
        cells.forEach(c -> out.append(' ').append(c.title()).append(" |"));
        out.append("\n|---|---|");
        cells.forEach(c -> out.append("---|"));
        out.append('\n');
        rows.forEach((feature, scenarios) -> scenarios.forEach(scenario -> {
            out.append("| ").append(md(feature)).append(" | ").append(md(scenario)).append(" |");
            cells.forEach(c -> out.append(' ').append(entry(c, feature, scenario).map(r -> r.status())
                    .orElse(c.status() == CellStatus.NOT_APPLICABLE ? "n/a" : "-")).append(" |"));
            out.append('\n');
        }));
        return out.toString();
    }

    /** The page beside the report's index.html: each entry links to its result (#testresult/UUID). */
    public String html() {
        var out = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Release matrix</title>\n"
                + "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                + "padding:4px 8px}.passed{background:#dfd}.failed,.broken{background:#fdd}.na{background:#eee}</style>"
                + "</head><body>\n<h1>Release matrix</h1>\n<p id=\"summary\">").append(esc(summary()))
                .append(" <a href=\"index.html\">Allure report</a></p>\n<ul>\n");
        for (Cell c : cells) {
            out.append("<li class=\"cell\" data-status=\"").append(c.status().name().toLowerCase()).append("\"")
                    .append(c.host().map(h -> " data-host=\"" + esc(h) + "\"").orElse("")).append(">")
                    .append(esc(c.title())).append(": ").append(esc(describe(c))).append("</li>\n");
        }
        out.append("</ul>\n<table id=\"matrix\">\n<tr><th>feature</th><th>scenario</th>");
        cells.forEach(c -> out.append("<th>").append(esc(c.title())).append("</th>"));
        out.append("</tr>\n");
        rows.forEach((feature, scenarios) -> scenarios.forEach(scenario -> {
            out.append("<tr><td>").append(esc(feature)).append("</td><td>").append(esc(scenario)).append("</td>");
            for (Cell c : cells) {
                Optional<ScenarioResult> r = entry(c, feature, scenario);
                if (r.isPresent()) {
                    out.append("<td class=\"").append(esc(r.get().status())).append("\"><a href=\"index.html#testresult/")
                            .append(esc(r.get().uuid())).append("\">").append(esc(r.get().status())).append("</a></td>");
                } else {
                    out.append(c.status() == CellStatus.NOT_APPLICABLE ? "<td class=\"na\" title=\"" + esc(c.reason().get())
                            + "\">n/a</td>" : "<td>-</td>");
                }
            }
            out.append("</tr>\n");
        }));
        return out.append("</table>\n</body></html>\n").toString();
    }

    private String summary() {
        long passed = cells.stream().filter(c -> c.status() == CellStatus.PASSED).count();
        long failed = cells.stream().filter(c -> c.status() == CellStatus.FAILED).count();
        long na = cells.size() - passed - failed;
        return cells.size() + " cells: " + passed + " passed, " + failed + " failed, " + na + " not applicable.";
    }

    private static String describe(Cell c) {
        String on = c.host().map(h -> " on " + h).orElse("");
        return switch (c.status()) {
            case PASSED -> "passed (" + c.scenarios().size() + " scenarios)" + on;
            case FAILED -> "failed (" + c.scenarios().stream().filter(r -> !r.status().equals("passed")).count() + " of "
                    + c.scenarios().size() + " scenarios did not pass)" + on + c.reason().map(r -> ": " + r).orElse("");
            case NOT_APPLICABLE -> "not applicable: " + c.reason().get();
        };
    }

    private static Optional<ScenarioResult> entry(Cell c, String feature, String scenario) {
        List<ScenarioResult> found = new ArrayList<>();
        for (ScenarioResult r : c.scenarios()) {
            if (r.feature().equals(feature) && r.scenario().equals(scenario)) {
                found.add(r);
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
