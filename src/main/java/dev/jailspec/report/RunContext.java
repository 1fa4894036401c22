package dev.jailspec.report;

import dev.jailspec.event.EventBus;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The one event bus and run id of this JVM. Cucumber builds plugins by class name with no
 * arguments, so the plugin and the test glue meet here instead of being handed a bus.
 */
public final class RunContext {

    private RunContext() {
    }

    public static EventBus bus() {
        return Holder.BUS;
    }

    /** E.g. {@code 20250314-093012-3fa9} (UTC); safe in ZFS dataset and jail names. */
    public static String runId() {
        return Holder.RUN_ID;
    }

    /**
     * The run's cell of the release matrix, set by the glue once the run's settings are known; the
     * Cucumber plugin puts it on every scenario's Allure result as the scenario starts.
     */
    public static void useCell(MatrixCell cell, boolean linkMatrixPage) {
        CELL.set(new CellMark(java.util.Objects.requireNonNull(cell, "cell"), linkMatrixPage));
    }

    static java.util.Optional<CellMark> cell() {
        return java.util.Optional.ofNullable(CELL.get());
    }

    /** A cell and whether the results link to the matrix page (a run that is one cell of a matrix run). */
    record CellMark(MatrixCell cell, boolean linkMatrixPage) {
    }

    private static final java.util.concurrent.atomic.AtomicReference<CellMark> CELL =
            new java.util.concurrent.atomic.AtomicReference<>();

    // Class initialisation is lazy and thread-safe: created on first use, exactly once.
    private static final class Holder {
        static final EventBus BUS = new EventBus();
        static final String RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC))
                + "-" + String.format("%04x", new SecureRandom().nextInt(0x10000));
    }
}
