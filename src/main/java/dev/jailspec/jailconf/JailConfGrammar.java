package dev.jailspec.jailconf;

import java.util.ArrayList;
import java.util.List;

/**
 * jailparse.y as a recursive-descent parser:
 *
 * <pre>
 * conf      : | conf jail | conf param ';' | conf ';'
 * jail      : jail_name '{' conf '}'          jail_name : STR
 * param     : name | name '=' value | name PLEQ value | name value | error
 * name      : STR | VAR
 * value     : string | value ',' string
 * string    : STR | VAR | string STR1 | string VAR1
 * </pre>
 *
 * Errors are detected on the same token as yacc detects them, and yacc's recovery through
 * {@code param: error} is mirrored (drop the statement, skip to the next {@code ;}, stay quiet
 * until three tokens were shifted), so later messages match jail(8)'s too.
 */
final class JailConfGrammar {

    /** yacc found a token that cannot continue the input. */
    private static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError() {
            super(null, null, false, false);
        }
    }

    /** yacc gave up: end of file while recovering. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super(null, null, false, false);
        }
    }

    private final String fileName;
    private final JailConfParser.IncludeHandler includes;
    private final List<String> messages = new ArrayList<>();
    private final JailConfLexer lexer;
    private Token lookahead;
    private Token commentsTakenFrom;
    /** yacc's yyerrflag: after an error, messages stay quiet until 3 tokens have been shifted. */
    private int quietShifts;

    JailConfGrammar(String text, String fileName, JailConfParser.IncludeHandler includes) {
        this.fileName = fileName;
        this.includes = includes;
        this.lexer = new JailConfLexer(text, fileName, messages);
    }

    JailConf parseFile() {
        List<Statement> statements = new ArrayList<>();
        try {
            parseConf(statements, false);
        } catch (Abort abort) {
            // the messages say why
        }
        if (!messages.isEmpty()) {
            throw new JailConfException(messages);
        }
        return new JailConf(statements);
    }

    private void parseConf(List<Statement> out, boolean inBlock) {
        while (true) {
            Token next = peek();
            takeComments(next, out);
            try {
                if (next.type() == TokenType.EOF) {
                    if (!inBlock) {
                        return;
                    }
                    throw syntaxError();
                }
                if (next.isChar('}')) {
                    if (inBlock) {
                        shift();
                        return;
                    }
                    throw syntaxError();
                }
                if (next.isChar(';')) {
                    shift();
                    continue;
                }
                parseStatement(out);
            } catch (SyntaxError error) {
                recover();
            }
        }
    }

    private void parseStatement(List<Statement> out) {
        Token name = peek();
        if (!name.startsString()) {
            throw syntaxError();
        }
        shift();
        if (name.type() == TokenType.STR && peek().isChar('{')) {
            shift();
            List<Statement> body = new ArrayList<>();
            parseConf(body, true);
            out.add(new JailBlock(name.value(), body));
            return;
        }
        parseParameter(name, out);
    }

    private void parseParameter(Token name, List<Statement> out) {
        Token next = peek();
        Operator op = Operator.NONE;
        List<Value> values = List.of();
        if (next.isChar('=') || next.type() == TokenType.PLEQ) {
            shift();
            op = next.type() == TokenType.PLEQ ? Operator.APPEND : Operator.ASSIGN;
            values = parseValues();
        } else if (next.startsString()) {
            values = parseValues();
        } else if (!next.isChar(';')) {
            throw syntaxError();
        }
        if (!peek().isChar(';')) {
            throw syntaxError();
        }
        shift();
        complete(name, op, values, out);
    }

    private List<Value> parseValues() {
        List<Value> values = new ArrayList<>();
        values.add(parseString());
        while (peek().isChar(',')) {
            shift();
            values.add(parseString());
        }
        return values;
    }

    private Value parseString() {
        if (!peek().startsString()) {
            throw syntaxError();
        }
        List<ValuePart> parts = new ArrayList<>();
        parts.add(part(shift()));
        while (peek().continuesString()) {
            parts.add(part(shift()));
        }
        return new Value(parts);
    }

    private static ValuePart part(Token token) {
        return token.isVariable() ? new VariableRef(token.value()) : new Literal(token.value());
    }

    /** The reduction of {@code conf param ';'}: jailparse.y's special_param() first. */
    private void complete(Token name, Operator op, List<Value> values, List<Statement> out) {
        if (name.isVariable()) {
            out.add(new VariableDefinition(name.value(), op, values));
            return;
        }
        if (name.value().equals(Include.DIRECTIVE) && op == Operator.NONE && !values.isEmpty()) {
            for (Value value : values) {
                include(value, out);
            }
            return;
        }
        out.add(new Parameter(name.value(), op, values));
    }

    private void include(Value value, List<Statement> out) {
        if (value.hasVariables()) {
            messages.add("jail: " + fileName + " line " + lexer.line()
                    + ": variables not permitted in '.include' filename");
            return;
        }
        String target = value.literal().orElseThrow();
        out.add(new Include(target));
        try {
            includes.include(target);
        } catch (JailConfException fatal) {
            List<String> all = new ArrayList<>(messages);
            all.addAll(fatal.lines());
            throw new JailConfException(all);
        }
    }

    // ---- tokens and errors -------------------------------------------------------------------

    private Token peek() {
        if (lookahead == null) {
            lookahead = lexer.next();
        }
        return lookahead;
    }

    private Token shift() {
        Token token = peek();
        lookahead = null;
        if (quietShifts > 0) {
            quietShifts--;
        }
        return token;
    }

    private SyntaxError syntaxError() {
        Token token = peek();
        if (quietShifts == 0) {
            messages.add(token.type() == TokenType.EOF
                    ? "jail: " + fileName + ": unexpected EOF"
                    : "jail: " + fileName + " line " + token.line() + ": " + token.raw() + ": syntax error");
        }
        return new SyntaxError();
    }

    /** yacc: shift {@code error}, reduce {@code param: error}, then discard tokens up to {@code ;}. */
    private void recover() {
        quietShifts = 3;
        while (true) {
            Token token = peek();
            if (token.isChar(';')) {
                shift();
                return;
            }
            if (token.type() == TokenType.EOF) {
                throw new Abort();
            }
            lookahead = null;
        }
    }

    /** Comments just before a statement (or a closing brace, or the end) are kept as statements. */
    private void takeComments(Token next, List<Statement> out) {
        if (next != commentsTakenFrom) {
            commentsTakenFrom = next;
            next.comments().forEach(text -> out.add(new Comment(text)));
        }
    }
}
