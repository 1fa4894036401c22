package dev.jailspec.freebsd;

import dev.jailspec.host.CommandResult;
import dev.jailspec.host.HostException;

/** jexec found no running jail by that name or id: the jail is not (or no longer) running. */
public class JailNotRunningException extends HostException {
    private final String jail;
    private final transient CommandResult result;

    public JailNotRunningException(String jail, CommandResult result) {
        super("jail '" + jail + "' is not running: `" + result.command().display() + "` said: "
                + result.stderr().strip());
        this.jail = jail;
        this.result = result;
    }

    public String jail() {
        return jail;
    }

    public CommandResult result() {
        return result;
    }
}
