package dev.jailspec.jailconf;

/**
 * jaillex.l's text2lval(): the value of a matched token with quotes trimmed and backslash
 * escapes applied ({@code \n \t \a \b \f \r \v}, octal {@code \NNN}, hex {@code \xHH},
 * backslash-newline dropped, any other character taken as itself). Octal and hex escapes give
 * the character with that code (0-255): the model holds characters, not bytes.
 */
final class BackslashEscapes {

    /** The value, and where an unescaped {@code $} stopped it (-1 if none). */
    record Result(String value, int stop) {
    }

    private BackslashEscapes() {
    }

    /**
     * @param trimLeft       characters to skip at the start (an opening quote, {@code ${})
     * @param trimRight      characters to skip at the end (a closing quote or brace)
     * @param stopAtVariable stop at the first unescaped {@code $} (double-quoted strings)
     */
    static Result apply(String raw, int trimLeft, int trimRight, boolean stopAtVariable) {
        StringBuilder out = new StringBuilder();
        int end = raw.length() - trimRight;
        for (int s = trimLeft; s < end; s++) {
            char c = raw.charAt(s);
            if (c != '\\') {
                if (stopAtVariable && c == '$') {
                    return new Result(out.toString(), s);
                }
                out.append(c);
                continue;
            }
            s++;
            // C reads one past the trimmed end here when a backslash is last; so do we.
            char e = s < raw.length() ? raw.charAt(s) : '\0';
            if (TokenChars.isOctal(e)) {
                int value = e - '0';
                for (int n = 0; n < 2 && s + 1 < end && TokenChars.isOctal(raw.charAt(s + 1)); n++) {
                    value = value * 8 + (raw.charAt(++s) - '0');
                }
                out.append((char) (value & 0xFF));
                continue;
            }
            switch (e) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000B');
                case '\n' -> {
                    // backslash-newline: a line continuation, nothing is kept
                }
                case 'x' -> {
                    int value = 0;
                    for (int n = 0; n < 2 && s + 1 < end && TokenChars.hexValue(raw.charAt(s + 1)) >= 0; n++) {
                        value = value * 16 + TokenChars.hexValue(raw.charAt(++s));
                    }
                    out.append((char) value);
                }
                default -> out.append(e);
            }
        }
        return new Result(out.toString(), -1);
    }
}
