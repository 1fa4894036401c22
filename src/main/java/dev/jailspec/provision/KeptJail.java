package dev.jailspec.provision;

import dev.jailspec.event.JailKept;
import java.time.Instant;
import java.util.List;

/**
 * How to get into a jail that a failed scenario left running (jailspec.teardown=on-success or
 * never) and how to remove it by hand, from the run's names: jexec(8) into the jail, chroot(8)
 * into its Linux userland with Rocky's bash, then what teardown would have done, in its order.
 * The next run's reaper removes a kept jail too.
 */
final class KeptJail {
    /** The Linux userland's shell (bash of the Rocky image). */
    static final String LINUX_SHELL = "/bin/bash";

    private KeptJail() {
    }

    static JailKept event(Instant at, String scenario, Layout layout, String teardownSetting, List<String> alsoChanged) {
        String jail = layout.jailName();
        List<String> host = List.of("jexec", jail, "/bin/sh");
        List<String> linux = List.of("jexec", jail, "chroot", layout.linuxRootInJail(), LINUX_SHELL);
        List<List<String>> remove = List.of(
                List.of("service", "jail", "stop", jail),
                // a jail that used the network can stay dying a while: its dataset is busy until it is gone
                List.of("jls", "-d", "-j", jail),
                List.of("ifconfig", layout.hostInterface(), "destroy"),
                List.of("zfs", "destroy", "-r", layout.jailDataset()),
                List.of("rm", layout.jailConfPath()));
        return new JailKept(at, scenario, jail, "jailspec.teardown=" + teardownSetting, host, linux, remove, alsoChanged);
    }

    /** Why {@code scenario} does not run while {@code kept} is kept: what it would collide with and what to do. */
    static String inTheWay(JailKept kept, String scenario) {
        return "not run: \"" + scenario + "\" would build or use the jail " + kept.jail() + " (its name, clone, epair"
                + " and address), which is kept for debugging the failed scenario \"" + kept.scenario() + "\" ("
                + kept.teardownSetting() + "); run in that jail its result would say nothing, and it would change what"
                + " was kept. Look into the kept jail (" + String.join(" ", kept.enterHostShell()) + "), remove it with"
                + " the commands the report lists under it, then run again; with jailspec.teardown=always every"
                + " scenario runs.";
    }
}
