package dev.jailspec.jailconf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A port of FreeBSD's {@code usr.sbin/jail/jaillex.l}. Each flex rule is a {@link Rule}; at
 * every position the longest match wins and ties go to the earlier rule, as in flex. Differences
 * from the pre-14 lexer that the 14+ one has: CR is whitespace, and line numbers are those of
 * flex's yylineno (the line after the matched text, so an unterminated comment reports the line
 * at end of file).
 *
 * <p>Lexical errors (unterminated comment/string/variable) are reported and scanning goes on,
 * as jail(8) does; the parser decides the outcome.
 */
final class JailConfLexer {

    /** The flex rules in file order (the order decides ties). */
    private enum Rule {
        WHITESPACE, HASH_COMMENT, SLASH_COMMENT, BLOCK_COMMENT, PLEQ, PUNCT,
        WORD, ESCAPE, SINGLE_CHAR, SQ_STRING, DQ_STRING, DQ_REST, DQ_END,
        VAR, BRACED_VAR, UNTERMINATED_COMMENT, UNTERMINATED_SQ, UNTERMINATED_DQ,
        UNTERMINATED_VAR, OTHER_CHAR, FALLBACK
    }

    private record Match(Rule rule, int length) {
    }

    private final String text;
    private final String fileName;
    private final List<String> errors;
    private final List<String> pendingComments = new ArrayList<>();
    private int pos;
    private int line = 1;
    /** Start condition DQ: inside a double-quoted string, after a variable. */
    private boolean inQuotes;
    /** jaillex.l's "instr": the next string or variable is glued to the previous one. */
    private boolean glued;

    JailConfLexer(String text, String fileName, List<String> errors) {
        this.text = text;
        this.fileName = fileName;
        this.errors = errors;
    }

    int line() {
        return line;
    }

    Token next() {
        while (true) {
            if (pos >= text.length()) {
                return token(TokenType.EOF, "", "");
            }
            Token token = inQuotes ? scanInQuotes() : scanNormal();
            if (token != null) {
                return token;
            }
        }
    }

    // ---- start condition "_" -------------------------------------------------------------

    private Token scanNormal() {
        Match best = null;
        best = longer(best, Rule.WHITESPACE, whitespaceLength());
        best = longer(best, Rule.HASH_COMMENT, lineCommentLength("#"));
        best = longer(best, Rule.SLASH_COMMENT, lineCommentLength("//"));
        int commentEnd = startsWith("/*") ? text.indexOf("*/", pos + 2) : -1;
        best = longer(best, Rule.BLOCK_COMMENT, commentEnd < 0 ? -1 : commentEnd + 2 - pos);
        best = longer(best, Rule.PLEQ, startsWith("+=") ? 2 : -1);
        best = longer(best, Rule.PUNCT, ",;={}".indexOf(current()) >= 0 ? 1 : -1);
        best = considerStringPieces(best, false);
        best = longer(best, Rule.SQ_STRING, current() == '\'' ? quotedLength(pos + 1, '\'') : -1);
        best = longer(best, Rule.DQ_STRING, current() == '"' ? quotedLength(pos + 1, '"') : -1);
        best = longer(best, Rule.UNTERMINATED_COMMENT,
                startsWith("/*") && commentEnd < 0 ? text.length() - pos : -1);
        best = longer(best, Rule.UNTERMINATED_SQ, unterminatedQuotedLength('\''));
        best = longer(best, Rule.UNTERMINATED_DQ, unterminatedQuotedLength('"'));
        best = longer(best, Rule.OTHER_CHAR, current() != '\n' ? Character.charCount(text.codePointAt(pos)) : -1);
        return act(best);
    }

    // ---- start condition DQ: the rest of a double-quoted string after a variable ---------

    private Token scanInQuotes() {
        Match best = considerStringPieces(null, true);
        char c = current();
        if (c != '"' && c != '$' && c != '\\') {
            int end = quotedLength(pos + 1, '"');
            best = longer(best, Rule.DQ_REST, end < 0 ? -1 : end);
        }
        best = longer(best, Rule.DQ_END, c == '"' ? 1 : -1);
        best = longer(best, Rule.FALLBACK, 1);
        return act(best);
    }

    /** Rules active in both start conditions: words, escapes, single characters, variables. */
    private Match considerStringPieces(Match best, boolean quoted) {
        best = longer(best, Rule.WORD, wordLength());
        best = longer(best, Rule.ESCAPE, escapeLength());
        best = longer(best, Rule.SINGLE_CHAR, "$*+/\\".indexOf(current()) >= 0 ? 1 : -1);
        best = longer(best, Rule.VAR, simpleVariableLength());
        best = longer(best, Rule.BRACED_VAR, bracedVariableLength(quoted));
        return longer(best, Rule.UNTERMINATED_VAR, unterminatedVariableLength(quoted));
    }

    private Token act(Match match) {
        String raw = text.substring(pos, pos + match.length());
        switch (match.rule()) {
            case WHITESPACE -> {
                glued = false;
                advance(raw.length());
            }
            case HASH_COMMENT, SLASH_COMMENT -> {
                pendingComments.add(stripTrailingCr(raw));
                advance(raw.length());
            }
            case BLOCK_COMMENT -> {
                pendingComments.add(raw);
                glued = false;
                advance(raw.length());
            }
            case PLEQ -> {
                glued = false;
                advance(raw.length());
                return token(TokenType.PLEQ, raw, raw);
            }
            case PUNCT -> {
                glued = false;
                advance(raw.length());
                return token(TokenType.CHAR, raw, raw);
            }
            case WORD, ESCAPE, SINGLE_CHAR -> {
                advance(raw.length());
                return stringToken(BackslashEscapes.apply(raw, 0, 0, false).value(), raw);
            }
            case SQ_STRING -> {
                advance(raw.length());
                return stringToken(BackslashEscapes.apply(raw, 1, 1, false).value(), raw);
            }
            case DQ_STRING, DQ_REST -> {
                return doubleQuoted(raw, match.rule() == Rule.DQ_STRING ? 1 : 0);
            }
            case DQ_END -> {
                inQuotes = false;
                advance(1);
            }
            case VAR -> {
                advance(raw.length());
                return variableToken(raw.substring(1), raw);
            }
            case BRACED_VAR -> {
                advance(raw.length());
                return variableToken(BackslashEscapes.apply(raw, 2, 1, false).value(), raw);
            }
            case UNTERMINATED_COMMENT -> lexicalError(raw, "unterminated comment");
            case UNTERMINATED_SQ, UNTERMINATED_DQ -> lexicalError(raw, "unterminated string");
            case UNTERMINATED_VAR -> lexicalError(raw, "unterminated variable");
            case OTHER_CHAR -> {
                advance(raw.length());
                return token(TokenType.CHAR, raw, displayOfStrayChar(raw));
            }
            case FALLBACK -> inQuotes = false;
            default -> throw new IllegalStateException(match.rule().toString());
        }
        return null;
    }

    /**
     * A double-quoted piece: up to the first unescaped {@code $}, where the lexer switches to
     * start condition DQ to read the variable and then the rest (flex's yyless()).
     */
    private Token doubleQuoted(String raw, int skip) {
        BackslashEscapes.Result piece = BackslashEscapes.apply(raw, skip, 1, true);
        if (piece.stop() < 0) {
            inQuotes = false;
            advance(raw.length());
            return stringToken(piece.value(), raw);
        }
        inQuotes = true;
        advance(piece.stop());
        return stringToken(piece.value(), raw.substring(0, piece.stop()));
    }

    private void lexicalError(String raw, String what) {
        advance(raw.length());
        errors.add("jail: " + fileName + " line " + line + ": " + what);
    }

    private Token stringToken(String value, String raw) {
        TokenType type = glued ? TokenType.STR1 : TokenType.STR;
        glued = true;
        return token(type, value, raw);
    }

    private Token variableToken(String name, String raw) {
        TokenType type = glued ? TokenType.VAR1 : TokenType.VAR;
        glued = true;
        return token(type, name, raw);
    }

    private Token token(TokenType type, String value, String raw) {
        List<String> comments = List.copyOf(pendingComments);
        pendingComments.clear();
        return new Token(type, value, raw, line, comments);
    }

    // ---- match lengths of the individual rules (-1: no match) ------------------------------

    private int whitespaceLength() {
        int i = pos;
        while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i == pos ? -1 : i - pos;
    }

    private int lineCommentLength(String opener) {
        if (!startsWith(opener)) {
            return -1;
        }
        int end = text.indexOf('\n', pos);
        return (end < 0 ? text.length() : end) - pos;
    }

    private int wordLength() {
        int i = pos;
        while (i < text.length() && TokenChars.isWordChar(text.charAt(i))) {
            i++;
        }
        return i == pos ? -1 : i - pos;
    }

    /** {@code \\(.|\n|[0-7]{1,3}|x[0-9A-Fa-f]{1,2})}, longest alternative. */
    private int escapeLength() {
        if (current() != '\\' || pos + 1 >= text.length()) {
            return -1;
        }
        char next = text.charAt(pos + 1);
        if (TokenChars.isOctal(next)) {
            int i = pos + 1;
            while (i < text.length() && i < pos + 4 && TokenChars.isOctal(text.charAt(i))) {
                i++;
            }
            return i - pos;
        }
        if (next == 'x') {
            int i = pos + 2;
            while (i < text.length() && i < pos + 4 && TokenChars.hexValue(text.charAt(i)) >= 0) {
                i++;
            }
            return i - pos;
        }
        return 2;
    }

    /** {@code q([^q\\]|\\(.|\n))*q} from just after the opening quote; length from {@code pos}. */
    private int quotedLength(int from, char quote) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                return i + 1 - pos;
            }
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    return -1;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** {@code q([^\nq\\]|\\.)*}: a quote that is never closed, up to the end of the line. */
    private int unterminatedQuotedLength(char quote) {
        if (current() != quote) {
            return -1;
        }
        int i = pos + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == quote) {
                break;
            }
            if (c == '\\') {
                if (i + 1 >= text.length() || text.charAt(i + 1) == '\n') {
                    break;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return i - pos;
    }

    private int simpleVariableLength() {
        if (!startsWith("$") || pos + 1 >= text.length() || !TokenChars.isNameStart(text.charAt(pos + 1))) {
            return -1;
        }
        int i = pos + 2;
        while (i < text.length() && (TokenChars.isNameStart(text.charAt(i)) || isDigit(text.charAt(i)))) {
            i++;
        }
        return i - pos;
    }

    /**
     * {@code $\{([^\n{}]|\\(.|\n))*\}} (in DQ also without {@code "}). A backslash may be read as
     * a plain character or as an escape, so the reachable positions are tracked as a set and the
     * longest match is kept, as flex's DFA would.
     */
    private int bracedVariableLength(boolean quoted) {
        if (!startsWith("${")) {
            return -1;
        }
        boolean[] reachable = new boolean[text.length() - pos + 3];
        reachable[2] = true;
        int best = -1;
        for (int i = 2; pos + i < text.length(); i++) {
            if (!reachable[i]) {
                if (!reachable[i + 1]) {
                    break; // steps are 1 or 2 characters: nothing further is reachable
                }
                continue;
            }
            char c = text.charAt(pos + i);
            if (c == '}') {
                best = i + 1;
            } else if (!excludedFromVariable(c, quoted)) {
                reachable[i + 1] = true;
            }
            if (c == '\\' && pos + i + 1 < text.length()) {
                reachable[i + 2] = true;
            }
        }
        return best;
    }

    /** {@code $\{([^\n{}]|\\.)*}: the longest start of a braced variable, closed or not. */
    private int unterminatedVariableLength(boolean quoted) {
        if (!startsWith("${")) {
            return -1;
        }
        boolean[] reachable = new boolean[text.length() - pos + 3];
        reachable[2] = true;
        int best = 2;
        for (int i = 2; pos + i <= text.length(); i++) {
            if (!reachable[i]) {
                if (!reachable[i + 1]) {
                    break;
                }
                continue;
            }
            best = i;
            if (pos + i == text.length()) {
                break;
            }
            char c = text.charAt(pos + i);
            if (c != '}' && !excludedFromVariable(c, quoted)) {
                reachable[i + 1] = true;
            }
            if (c == '\\' && pos + i + 1 < text.length() && text.charAt(pos + i + 1) != '\n') {
                reachable[i + 2] = true;
            }
        }
        return best;
    }

    private static boolean excludedFromVariable(char c, boolean quoted) {
        return c == '\n' || c == '{' || c == '}' || (quoted && c == '"');
    }

    // ---- small helpers ---------------------------------------------------------------------

    /** flex: the longest match wins, a tie goes to the rule written first. */
    private static Match longer(Match best, Rule rule, int length) {
        if (length <= 0) {
            return best;
        }
        if (best == null || length > best.length()
                || (length == best.length() && rule.ordinal() < best.rule().ordinal())) {
            return new Match(rule, length);
        }
        return best;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char current() {
        return text.charAt(pos);
    }

    private boolean startsWith(String s) {
        return text.startsWith(s, pos);
    }

    private void advance(int length) {
        for (int i = pos; i < pos + length; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        pos += length;
    }

    private static String stripTrailingCr(String comment) {
        int end = comment.length();
        while (end > 0 && comment.charAt(end - 1) == '\r') {
            end--;
        }
        return comment.substring(0, end);
    }

    /**
     * flex reads bytes, so a non-ASCII character reaches the parser one byte at a time and
     * jail(8) prints the first byte raw. A Java string cannot hold a lone byte; show it as
     * {@code \xNN} instead.
     */
    private static String displayOfStrayChar(String raw) {
        if (raw.charAt(0) < 0x80) {
            return raw;
        }
        byte first = raw.getBytes(StandardCharsets.UTF_8)[0];
        return String.format("\\x%02x", first & 0xFF);
    }
}
