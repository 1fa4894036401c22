package dev.jailspec.report;

import java.util.function.Supplier;

/**
 * The report listeners of this JVM's runs: attached when the first run starts and kept for every later
 * run in the same JVM, whose events follow the first's in the same log. Attaching again would open a
 * second writer on {@code events.jsonl} (truncating it under the first, which goes on writing at its own
 * offset) and subscribe every listener twice; that is how a one-feature run once ended in a log
 * WaiverCheck could not parse.
 */
final class RunReports {
    private final Supplier<ReportListeners> attach;
    private boolean attached;

    RunReports(Supplier<ReportListeners> attach) {
        this.attach = attach;
    }

    /** Attaches the listeners unless a run of this JVM already did. */
    synchronized void attachOnce() {
        if (!attached) {
            attach.get();
            attached = true;
        }
    }
}
