package dev.jailspec.provision;

/**
 * One idempotent step of the procedure. {@link StepRunner} checks first and applies only when
 * needed, then verifies, so running the procedure twice changes nothing the second time.
 */
public interface ProvisionStep {

    /** What the step achieves, for the report: "snapshot the template as zdata/jails/templates/14.3-RELEASE@base". */
    String description();

    /** True when the host is already in the state this step makes. Must not change the host. */
    boolean isDone();

    /** Brings the host into the state; only called when {@link #isDone()} was false. */
    void apply();

    /** Throws {@link ProvisionException} saying what is wrong when the state was not reached. */
    void verify();
}
