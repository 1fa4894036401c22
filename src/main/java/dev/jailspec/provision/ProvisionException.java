package dev.jailspec.provision;

/** A step of the procedure could not reach its state; the message says which step, what was found and what to do. */
public class ProvisionException extends RuntimeException {
    public ProvisionException(String message) {
        super(message);
    }

    public ProvisionException(String message, Throwable cause) {
        super(message, cause);
    }
}
