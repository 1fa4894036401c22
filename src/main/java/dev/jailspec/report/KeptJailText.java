package dev.jailspec.report;

import dev.jailspec.event.JailKept;
import dev.jailspec.host.ShellQuote;
import java.util.ArrayList;
import java.util.List;

/** The lines the console and the report print for a kept jail: how to enter it, how to remove it. */
final class KeptJailText {
    private KeptJailText() {
    }

    static List<String> lines(JailKept e) {
        List<String> out = new ArrayList<>();
        out.add("kept the jail " + e.jail() + " for debugging (" + e.teardownSetting() + "); enter it as root on the host:");
        out.add("  " + ShellQuote.join(e.enterHostShell()) + "    # a shell in the jail");
        out.add("  " + ShellQuote.join(e.enterLinuxShell()) + "    # a shell in its Linux userland");
        out.add("remove it afterwards (or let the next run's reaper do it):");
        e.remove().forEach(argv -> out.add("  " + ShellQuote.join(argv)));
        if (!e.alsoChanged().isEmpty()) {
            out.add("what the scenario also changed and teardown would undo: " + String.join("; ", e.alsoChanged()));
        }
        return out;
    }
}
