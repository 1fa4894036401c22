package dev.jailspec.sim;

/**
 * bsdtar's lafe_errc(1, ...): a message printed as {@code tar: MESSAGE} and exit 1 at once, with
 * no "Error exit delayed". Thrown by {@link TarOptions} while reading the command line and by
 * {@link TarExtraction} when the archive or -C cannot be opened.
 */
final class TarFatal extends Exception {
    TarFatal(String message) {
        super(message);
    }
}
