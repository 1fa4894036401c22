package dev.jailspec.event;

/** How a Gherkin step or scenario ended, as Cucumber's {@code Status} says it. */
public enum Outcome {
    PASSED, SKIPPED, PENDING, UNDEFINED, AMBIGUOUS, FAILED, UNUSED;

    public boolean passed() {
        return this == PASSED;
    }
}
