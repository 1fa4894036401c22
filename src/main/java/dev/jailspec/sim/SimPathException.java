package dev.jailspec.sim;

import dev.jailspec.host.HostException;

/** A path would leave the simulated root (a {@code ..} above it, or a symlink out of it). */
public class SimPathException extends HostException {
    public SimPathException(String message) {
        super(message);
    }
}
