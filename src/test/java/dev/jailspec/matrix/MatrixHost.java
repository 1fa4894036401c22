package dev.jailspec.matrix;

import java.util.Map;
import java.util.Objects;

/**
 * One host a matrix's cells run on: its name for the console and the report (the target, e.g.
 * {@code ssh://root@192.0.2.10}) and the system properties a cell's JVM gets to run there
 * ({@code jailspec.target}, and for a test host its mirrors and login home).
 */
record MatrixHost(String name, Map<String, String> properties) {
    MatrixHost {
        Objects.requireNonNull(name, "name");
        properties = Map.copyOf(properties);
    }

    /** A host of jailspec.targets: the cell's JVM is told only which target it is. */
    static MatrixHost target(String target) {
        return new MatrixHost(target, Map.of("jailspec.target", target));
    }

    @Override
    public String toString() {
        return name;
    }
}
