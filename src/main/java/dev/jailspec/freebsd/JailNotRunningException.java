package dev.jailspec.freebsd;

import dev.jailspec.host.CommandResult;
import dev.jailspec.host.HostException;

/**
 * jexec found no running jail by that name or id: the jail is not (or no longer) running, or it
 * is dying (removed, its prison not yet freed; {@link #dying()}).
 */
public class JailNotRunningException extends HostException {
    private final String jail;
    private final transient CommandResult result;

    public JailNotRunningException(String jail, CommandResult result) {
        super("jail '" + jail + "' is " + (JexecParser.dying(result.stderr()) ? "dying (removed, not yet freed)" : "not running")
                + ": `" + result.command().display() + "` said: "
                + result.stderr().strip());
        this.jail = jail;
        this.result = result;
    }

    /** jexec said {@code jail "NAME" is dying}. */
    public boolean dying() {
        return JexecParser.dying(result.stderr());
    }

    public String jail() {
        return jail;
    }

    public CommandResult result() {
        return result;
    }
}
