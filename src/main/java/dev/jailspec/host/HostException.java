package dev.jailspec.host;

/** Base of everything that goes wrong while talking to a host. */
public class HostException extends RuntimeException {
    public HostException(String message) {
        super(message);
    }

    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}
