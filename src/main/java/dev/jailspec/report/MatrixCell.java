package dev.jailspec.report;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.util.ResultsUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cell of the release matrix one run is: the releases it accepts (an axis name and its value
 * each, in order: "FreeBSD" 14.5-RELEASE, "Rocky" 9). Each scenario's Allure result carries the
 * cell as parameters and as its parent suite, and its history id includes the cell: the same
 * scenario run in two cells (two CI jobs whose results are merged into one report) is then two
 * results with their own history, not two retries of one result. Where a matrix is spread over
 * several hosts, the host the cell ran on is one more parameter ({@link #HOST_PARAMETER}), left out
 * of the title and the history: the cell is the same cell on whichever host it ran.
 */
public record MatrixCell(Map<String, String> axes, Optional<String> host) {
    /** The parameter naming the host a cell ran on (jailspec.targets). */
    public static final String HOST_PARAMETER = "Target host";

    /** The matrix page, beside the HTML report's index.html (relative links resolve there). */
    public static final String MATRIX_PAGE = "matrix.html";

    public MatrixCell {
        Objects.requireNonNull(axes, "axes");
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("a matrix cell names at least one axis");
        }
        for (Map.Entry<String, String> axis : axes.entrySet()) {
            if (axis.getKey().isBlank() || axis.getValue() == null || axis.getValue().isBlank()) {
                throw new IllegalArgumentException("a matrix cell's axis and value must not be blank: " + axes);
            }
        }
        axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
        Objects.requireNonNull(host, "host");
    }

    public MatrixCell(Map<String, String> axes) {
        this(axes, Optional.empty());
    }

    /** This cell as run on {@code target}, one of the hosts a matrix is spread over. */
    public MatrixCell onHost(String target) {
        return new MatrixCell(axes, Optional.of(target));
    }

    /**
     * The cell of a run that accepts {@code freebsdRelease} with release {@code linuxRelease} of the Linux
     * distribution {@code distribution} (jailspec.linux.distribution, shown capitalised: "Rocky 9").
     */
    public static MatrixCell of(String freebsdRelease, String distribution, String linuxRelease) {
        var axes = new LinkedHashMap<String, String>();
        axes.put("FreeBSD", freebsdRelease);
        axes.put(distribution.isEmpty() ? "Linux" : Character.toUpperCase(distribution.charAt(0)) + distribution.substring(1),
                linuxRelease);
        return new MatrixCell(axes);
    }

    /** This cell with one more axis, e.g. the simulated host's release where it is not the template's. */
    public MatrixCell withAxis(String axis, String value) {
        var more = new LinkedHashMap<>(axes);
        more.put(axis, value);
        return new MatrixCell(more, host);
    }

    /** "FreeBSD 14.5-RELEASE, Rocky 9": the parent suite the scenarios of this cell are shown under. */
    public String title() {
        return axes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /**
     * Marks the scenario running on this thread (allure-cucumber7-jvm has started its result); in a
     * matrix run ({@code linkMatrix}) the result also links to the matrix page beside the report.
     */
    public void markCurrentScenario(boolean linkMatrix) {
        markCurrentScenario(Allure.getLifecycle(), linkMatrix);
    }

    void markCurrentScenario(AllureLifecycle allure, boolean linkMatrix) {
        if (allure.getCurrentTestCase().isEmpty()) {
            throw new IllegalStateException("no Allure test case is running on this thread: mark the cell from a"
                    + " Cucumber hook, after allure-cucumber7-jvm has started the scenario's result");
        }
        allure.updateTestCase(result -> {
            // The plugin's lists may be unmodifiable: each is replaced by a copy with the cell in it.
            List<Parameter> parameters = new ArrayList<>(result.getParameters());
            axes.forEach((axis, value) -> parameters.add(new Parameter().setName(axis).setValue(value)));
            host.ifPresent(h -> parameters.add(new Parameter().setName(HOST_PARAMETER).setValue(h)));
            result.setParameters(parameters);
            List<Label> labels = new ArrayList<>(result.getLabels());
            labels.removeIf(l -> ResultsUtils.PARENT_SUITE_LABEL_NAME.equals(l.getName()));
            labels.add(new Label().setName(ResultsUtils.PARENT_SUITE_LABEL_NAME).setValue(title()));
            result.setLabels(labels);
            // The plugin's id depends on the feature and the scenario only; the cell makes it this cell's.
            result.setHistoryId(ResultsUtils.md5(result.getHistoryId() + "|" + title()));
            if (linkMatrix) {
                List<Link> links = new ArrayList<>(result.getLinks());
                links.add(new Link().setName("release matrix").setUrl(MATRIX_PAGE));
                result.setLinks(links);
            }
        });
    }
}
