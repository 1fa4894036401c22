package dev.jailspec.provision;

/** {@code jailspec.teardown}: when a scenario's jail, clone and config are removed again. */
public enum TeardownPolicy {
    ALWAYS("always"), ON_SUCCESS("on-success"), NEVER("never");

    private final String value;

    TeardownPolicy(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean tearsDown(boolean scenarioFailed) {
        return this == ALWAYS || this == ON_SUCCESS && !scenarioFailed;
    }

    public static TeardownPolicy parse(String value) {
        for (TeardownPolicy p : values()) {
            if (p.value.equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown teardown policy " + value);
    }
}
