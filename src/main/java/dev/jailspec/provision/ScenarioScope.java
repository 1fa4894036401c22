package dev.jailspec.provision;

import java.util.Collection;
import java.util.Objects;

/**
 * The scenario a {@link Provisioner} serves: its feature file, its name, and whether it only looks at
 * the jail ({@value #READ_ONLY_TAG}). Read-only scenarios of one feature share one jail: the first
 * builds it, each passed one leaves it running for the next, and the first scenario that is not one
 * of them (or the run's end) tears it down. Nothing is shared across features.
 */
public record ScenarioScope(String feature, String scenario, boolean readOnly) {
    public static final String READ_ONLY_TAG = "@read-only";

    /** A provisioner nobody named a scenario for (tests, the matrix's applicability probe): shares nothing. */
    static final ScenarioScope UNNAMED = new ScenarioScope("", "(unnamed)", false);

    public ScenarioScope {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(scenario, "scenario");
    }

    /** From Cucumber's view of a scenario: its feature's URI, its name and its tags (with their {@code @}). */
    public static ScenarioScope of(String feature, String scenario, Collection<String> tags) {
        return new ScenarioScope(feature, scenario, tags.contains(READ_ONLY_TAG));
    }

    /** Whether {@code next} may run in the jail this scenario leaves running. */
    boolean sharesWith(ScenarioScope next) {
        return readOnly && next.readOnly && !feature.isEmpty() && feature.equals(next.feature);
    }
}
