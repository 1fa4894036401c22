package dev.jailspec.hooks;

import dev.jailspec.freebsd.FreebsdVersion;
import dev.jailspec.freebsd.Zfs;
import io.cucumber.java.BeforeAll;

/**
 * Asks the host once, right after the run is opened, what the report's environment panel shows:
 * {@code freebsd-version -kru} and {@code zfs version}. Both are read-only; they go over the
 * observed host like every command, so the report's listeners pick the answers up (and the
 * runbook lists them as probes). A host that cannot answer is the preflight's business, not this.
 */
public final class HostFactsHooks {
    /** After {@link RunHooks#openRun()} (default order 10000). */
    static final int ORDER = 10_100;

    @BeforeAll(order = ORDER)
    public static void askHostFacts() {
        try {
            var host = RunHooks.run().host();
            new FreebsdVersion(host).versions();
            new Zfs(host).version();
        } catch (RuntimeException e) {
            System.out.println("jailspec: could not read the host's versions for the report: " + e.getMessage());
        }
    }
}
