package dev.jailspec.jailconf;

/** How a parameter or variable statement gives its values. */
public enum Operator {
    /** {@code name;} (a boolean set to true) or {@code name value;} (the grammar's "name value" form). */
    NONE(""),
    /** {@code name = value;} replaces earlier values. */
    ASSIGN("="),
    /** {@code name += value;} appends to earlier values. */
    APPEND("+=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
