package dev.jailspec.provision;

import java.util.Map;

/**
 * The mark jailspec puts on what it creates (ZFS user properties), so teardown and the reaper
 * only ever destroy their own objects.
 */
public record Marks(String runId) {
    public static final String OWNER = "jailspec:owner";
    public static final String RUN = "jailspec:run";
    public static final String OWNER_VALUE = "jailspec";

    public Map<String, String> zfsProperties() {
        return Map.of(OWNER, OWNER_VALUE, RUN, runId);
    }
}
