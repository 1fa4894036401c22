package dev.jailspec.sim;

/**
 * Where a program runs: on the host, or inside a jail, where "/" is the jail's path and the
 * network stack is the jail's own when it is a VNET jail.
 */
record SimContext(SimMachine machine, SimFileSystem fs, SimState.JailState jail) {

    boolean inJail() {
        return jail != null;
    }

    /** The network stack the program sees: "" for the host's, the jail's name for a VNET jail. */
    String vnet() {
        return jail != null && jail.vnet ? jail.name : "";
    }
}
