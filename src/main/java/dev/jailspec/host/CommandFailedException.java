package dev.jailspec.host;

/** A command ran but exited with a status the caller did not accept. */
public class CommandFailedException extends HostException {
    private final transient CommandResult result;

    public CommandFailedException(CommandResult result, String expected) {
        super(message(result, expected));
        this.result = result;
    }

    public CommandResult result() {
        return result;
    }

    private static String message(CommandResult r, String expected) {
        String tail = r.tail(10);
        return "command `" + r.command().display() + "` exited " + r.exitCode()
                + " (expected " + expected + ")"
                + (tail.isBlank() ? ", no output" : ":\n" + tail.indent(2).stripTrailing());
    }
}
