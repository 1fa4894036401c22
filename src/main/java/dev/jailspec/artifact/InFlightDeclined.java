package dev.jailspec.artifact;

/**
 * A reader of a download's arriving bytes cannot go on reading them as they come (an xz block
 * without its sizes after one with them, data after the xz stream); not a verdict on the bytes:
 * the Downloader reports it as not read in flight, and its caller reads the finished file instead.
 */
final class InFlightDeclined extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InFlightDeclined(String reason) {
        super(reason);
    }
}
