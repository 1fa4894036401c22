package dev.jailspec.config;

/** A setting is unknown or has a bad value; the message names the key, the source and what is allowed. */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
