package dev.jailspec.host;

/** The command could not be run at all: no such program, connection lost, I/O failure. */
public class TransportException extends HostException {
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransportException(String message) {
        super(message);
    }
}
