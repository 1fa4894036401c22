package dev.jailspec.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The programs of the simulated host, found by their installed path. */
final class ToolTable {
    private final Map<String, SimTool> byPath = new LinkedHashMap<>();

    ToolTable(List<SimTool> tools) {
        for (SimTool tool : tools) {
            for (String path : tool.paths()) {
                if (byPath.put(path, tool) != null) {
                    throw new IllegalStateException("two simulated programs at " + path);
                }
            }
        }
    }

    Optional<SimTool> byPath(String absPath) {
        return Optional.ofNullable(byPath.get(absPath.replaceAll("/+", "/")));
    }
}
