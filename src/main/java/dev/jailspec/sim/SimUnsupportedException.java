package dev.jailspec.sim;

import dev.jailspec.host.HostException;

/**
 * The simulated host was asked for something a real FreeBSD host would do but the simulation
 * does not model (an option, a tool, a script). It is thrown rather than answered with a guess,
 * so a test never passes on behaviour the simulator made up.
 */
public class SimUnsupportedException extends HostException {
    public SimUnsupportedException(String message) {
        super("not simulated: " + message);
    }
}
