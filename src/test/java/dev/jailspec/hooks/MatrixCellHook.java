package dev.jailspec.hooks;

import dev.jailspec.config.Settings;
import dev.jailspec.report.MatrixCell;
import io.cucumber.java.Before;

/**
 * Puts the run's cell of the release matrix (the FreeBSD and Rocky releases it accepts) on each
 * scenario's Allure result, first thing in the scenario, so results of several cells merge into one
 * report (ci-examples/merge-cells.sh) as results of their own.
 */
public final class MatrixCellHook {
    private final World world;

    public MatrixCellHook(World world) {
        this.world = world;
    }

    @Before(order = 0)
    public void markCell() {
        Settings settings = world.run().settings();
        MatrixCell.of(settings.freebsdRelease(), settings.rockyRelease()).markCurrentScenario();
    }
}
