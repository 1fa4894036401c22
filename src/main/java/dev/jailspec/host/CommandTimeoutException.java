package dev.jailspec.host;

import dev.jailspec.event.HumanDuration;
import java.time.Duration;

/** A command did not finish within its timeout and was killed. */
public class CommandTimeoutException extends HostException {
    private final transient Command command;
    private final Duration ranFor;
    private final String outputTail;

    public CommandTimeoutException(Command command, Duration ranFor, String outputTail) {
        super("command `" + command.display() + "` did not finish within " + HumanDuration.of(command.timeout())
                + " and was killed after " + HumanDuration.of(ranFor)
                + (outputTail.isBlank() ? "; it printed nothing" : "; last output:\n" + outputTail.indent(2).stripTrailing()));
        this.command = command;
        this.ranFor = ranFor;
        this.outputTail = outputTail;
    }

    public Command command() {
        return command;
    }

    public Duration ranFor() {
        return ranFor;
    }

    public String outputTail() {
        return outputTail;
    }
}
