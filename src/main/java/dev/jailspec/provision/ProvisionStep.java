package dev.jailspec.provision;

import java.util.List;

/**
 * One idempotent step of the procedure. {@link StepRunner} checks first and applies only when
 * needed, then verifies, so running the procedure twice changes nothing the second time.
 */
public interface ProvisionStep {

    /** What the step achieves, for the report: "snapshot the template as zdata/jails/templates/14.3-RELEASE@base". */
    String description();

    /** True when the host is already in the state this step makes. Must not change the host. */
    boolean isDone();

    /**
     * What teardown takes back once {@link #apply()} has begun, in the order the changes are made
     * (teardown undoes them in reverse). Asked after {@link #isDone()} said false and recorded before
     * {@link #apply()}; it may read the host (rc.conf's values before), never change it. Nothing by
     * default: the step makes what outlives the scenario (the dataset tree, the release template's
     * content) or what goes with another step's undo (the userland inside the clone).
     */
    default List<Undo> undo() {
        return List.of();
    }

    /** Brings the host into the state; only called when {@link #isDone()} was false. */
    void apply();

    /** Throws {@link ProvisionException} saying what is wrong when the state was not reached. */
    void verify();

    /**
     * Verifies a step {@link #isDone()} just found done: only what {@link #verify()} checks beyond what
     * isDone read of the host a moment ago, so the host is not asked the same question twice in a row
     * (issue 15). By default all of {@link #verify()}; a step whose isDone reads exactly what verify
     * checks overrides it.
     */
    default void verifyAlreadyDone() {
        verify();
    }
}
