package dev.jailspec.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jailspec.report.MatrixPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The scenario results a cell's run wrote to its allure-results (one {@code *-result.json} each). */
final class CellResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CellResults() {
    }

    static List<MatrixPage.ScenarioResult> read(Path allureResults) throws IOException {
        if (!Files.isDirectory(allureResults)) {
            return List.of();
        }
        List<JsonNode> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(allureResults)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                results.add(JSON.readTree(f.toFile()));
            }
        }
        // In the order the scenarios ran: the features' order, and each feature's own.
        results.sort(Comparator.comparingLong(r -> r.path("start").asLong()));
        return results.stream().map(r -> new MatrixPage.ScenarioResult(label(r, "feature"), r.path("name").asText(),
                r.path("status").asText("unknown"), r.path("uuid").asText())).toList();
    }

    private static String label(JsonNode result, String name) {
        for (JsonNode l : result.path("labels")) {
            if (name.equals(l.path("name").asText())) {
                return l.path("value").asText();
            }
        }
        return "";
    }
}
