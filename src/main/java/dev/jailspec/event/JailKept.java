package dev.jailspec.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A scenario's jail was kept for debugging ({@code jailspec.teardown} said so): the commands, as
 * argv, that enter it with a host shell and with a shell of its Linux userland, and those that
 * remove it afterwards; {@code alsoChanged} names the scenario's other changes left in place.
 */
public record JailKept(Instant at, String scenario, String jail, String teardownSetting, List<String> enterHostShell,
                       List<String> enterLinuxShell, List<List<String>> remove, List<String> alsoChanged)
        implements JailspecEvent {
    public JailKept {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(jail, "jail");
        Objects.requireNonNull(teardownSetting, "teardownSetting");
        enterHostShell = List.copyOf(enterHostShell);
        enterLinuxShell = List.copyOf(enterLinuxShell);
        remove = remove.stream().map(List::copyOf).toList();
        alsoChanged = List.copyOf(alsoChanged);
    }
}
