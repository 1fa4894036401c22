package dev.jailspec.hooks;

import dev.jailspec.config.SettingsLoader;
import dev.jailspec.provision.JailspecRun;
import dev.jailspec.report.RunContext;
import io.cucumber.java.AfterAll;
import io.cucumber.java.BeforeAll;
import java.nio.file.Path;

/**
 * One run per JVM: settings are read and checked, the target host is opened once, and closed
 * after the last scenario. A bad setting fails here, before any host is touched.
 */
public final class RunHooks {
    private static JailspecRun run;

    @BeforeAll
    public static void openRun() {
        run = JailspecRun.open(SettingsLoader.fromEnvironment(Path.of("")), RunContext.bus(), RunContext.runId());
    }

    @AfterAll
    public static void closeRun() {
        if (run != null) {
            run.close();
        }
    }

    static JailspecRun run() {
        if (run == null) {
            throw new IllegalStateException("the jailspec run was not opened; see the first error of this build");
        }
        return run;
    }
}
