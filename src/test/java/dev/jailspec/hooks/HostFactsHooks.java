package dev.jailspec.hooks;

import io.cucumber.java.BeforeAll;

/**
 * Asks the host once, right after the run is opened, what the report's environment panel shows:
 * {@code freebsd-version -kru} and {@code zfs version}, published typed by the run (the runbook
 * lists both commands as probes). A host that cannot answer is the preflight's business, not this.
 */
public final class HostFactsHooks {
    /** After {@link RunHooks#openRun()} (default order 10000). */
    static final int ORDER = 10_100;

    @BeforeAll(order = ORDER)
    public static void askHostFacts() {
        try {
            RunHooks.run().publishHostFacts();
        } catch (RuntimeException e) {
            System.out.println("jailspec: could not read the host's versions for the report: " + e.getMessage());
        }
    }
}
