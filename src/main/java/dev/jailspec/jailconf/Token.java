package dev.jailspec.jailconf;

import java.util.List;

/**
 * A token with its value (quotes removed, escapes applied), its raw text (what jail(8) shows in
 * a syntax error), the line the lexer is on after it, and the comments seen just before it.
 */
record Token(TokenType type, String value, String raw, int line, List<String> comments) {

    boolean isChar(char c) {
        return type == TokenType.CHAR && raw.length() == 1 && raw.charAt(0) == c;
    }

    boolean startsString() {
        return type == TokenType.STR || type == TokenType.VAR;
    }

    boolean continuesString() {
        return type == TokenType.STR1 || type == TokenType.VAR1;
    }

    boolean isVariable() {
        return type == TokenType.VAR || type == TokenType.VAR1;
    }
}
