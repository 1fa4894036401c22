package dev.jailspec.provision;

import java.nio.file.Path;

/**
 * A run in a child JVM for {@link CrashedRunTest}: opens a sim run on the directory given, brings
 * up the jail, says READY and waits to be killed. Never closes the run.
 */
public final class CrashingRun {
    private CrashingRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args[0]);
        Path cache = Path.of(args[1]);
        // The template is there already: nothing is downloaded, so no embedded mirror is needed.
        JailspecRun run = SimRuns.open(SimRuns.settings(root, cache, "5s", "jailspec.freebsd.mirror",
                "http://127.0.0.1:9/unused", "jailspec.rocky.mirror", "http://127.0.0.1:9/unused"), args[2]);
        new Provisioner(run).ensureJailRunning(false);
        System.out.println("READY");
        System.out.flush();
        // A scenario in progress: only a kill ends this JVM.
        Thread.sleep(Long.MAX_VALUE);
    }
}
