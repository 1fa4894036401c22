package dev.jailspec.jailconf;

/**
 * Parses jail.conf text as FreeBSD 14+ jail(8) does. On any error it throws
 * {@link JailConfException} with the lines jail(8) prints, e.g.
 * {@code jail: /etc/jail.conf line 5: foo: syntax error} or {@code jail: /etc/jail.conf: unexpected EOF}.
 */
public final class JailConfParser {

    private JailConfParser() {
    }

    /**
     * @param text     the file's text
     * @param fileName the name jail(8) would print in errors (the path it opened)
     */
    public static JailConf parse(String text, String fileName) {
        return parse(text, fileName, target -> {
        });
    }

    /** As {@link #parse(String, String)}, handing each {@code .include} target over as soon as it is read. */
    static JailConf parse(String text, String fileName, IncludeHandler includes) {
        return new JailConfGrammar(text, fileName, includes).parseFile();
    }

    /**
     * jail(8) reads an included file at the moment it parses the {@code .include} statement, before
     * the rest of the including file; the loader hooks in here to keep that order (and its errors).
     */
    @FunctionalInterface
    interface IncludeHandler {
        void include(String target);
    }
}
