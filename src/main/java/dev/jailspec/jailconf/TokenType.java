package dev.jailspec.jailconf;

/**
 * jaillex.l's tokens. STR1 and VAR1 are a string or variable glued to the previous one (no
 * whitespace between), which the grammar concatenates into one value.
 */
enum TokenType {
    STR, STR1, VAR, VAR1,
    /** {@code +=} */
    PLEQ,
    /** A single character: one of {@code , ; = { }}, or any character no other rule takes. */
    CHAR,
    EOF
}
