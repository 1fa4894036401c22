package dev.jailspec.jailconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The grammar facts of SOURCES.md and jaillex.l, one by one. */
class JailConfParserTest {

    private static List<Statement> parse(String text) {
        return JailConfParser.parse(text, "/etc/jail.conf").withoutComments().statements();
    }

    private static Parameter only(String text) {
        List<Statement> statements = parse(text);
        assertThat(statements).hasSize(1);
        return (Parameter) statements.get(0);
    }

    private static Value value(String text) {
        Parameter parameter = only(text);
        assertThat(parameter.values()).hasSize(1);
        return parameter.values().get(0);
    }

    @Test
    void parameterForms() {
        assertThat(only("persist;")).isEqualTo(Parameter.flag("persist"));
        assertThat(only("path = /j;")).isEqualTo(Parameter.assign("path", "/j"));
        assertThat(only("exec.start += \"sh\";")).isEqualTo(Parameter.append("exec.start", "sh"));
        assertThat(only("ip4.addr = a, b ,c;").values()).containsExactly(Value.of("a"), Value.of("b"), Value.of("c"));
        assertThat(only("host.hostname www;"))
                .isEqualTo(new Parameter("host.hostname", Operator.NONE, List.of(Value.of("www"))));
    }

    @Test
    void wordCharactersIncludePlaceholdersAndPipes() {
        assertThat(value("ip4.addr = lo1|10.0.0.1/24;")).isEqualTo(Value.of("lo1|10.0.0.1/24"));
        assertThat(value("x = %%X%%;")).isEqualTo(Value.of("%%X%%"));
        assertThat(value("x = [busybox-ip];")).isEqualTo(Value.of("[busybox-ip]"));
        assertThat(value("securelevel = -1;")).isEqualTo(Value.of("-1"));
        assertThat(value("osrelease = 14.2-RELEASE;")).isEqualTo(Value.of("14.2-RELEASE"));
    }

    @Test
    void aVariableGluedToAWordIsOneValue() {
        assertThat(value("ip4.addr = 192.168.1.$ip;"))
                .isEqualTo(Value.of(new Literal("192.168.1."), new VariableRef("ip")));
        assertThat(value("x = \"a\"'b'c$d${e}\"f\";").parts()).containsExactly(
                new Literal("abc"), new VariableRef("d"), new VariableRef("e"), new Literal("f"));
    }

    @Test
    void aWordGluedToAVariableCannotNameAParameter() {
        assertThatThrownBy(() -> parse("*${iface}: \"x\";\n"))
                .hasMessage("jail: /etc/jail.conf line 1: ${iface}: syntax error");
    }

    @Test
    void slashStarStartsACommentEvenInsideAPath() {
        assertThat(value("path = /usr/*old*/;")).isEqualTo(Value.of("/usr"));
        assertThatThrownBy(() -> parse("path = /usr/local/*.conf;\n"))
                .hasMessageStartingWith("jail: /etc/jail.conf line 2: unterminated comment");
    }

    @Test
    void hashAndDoubleSlashRunToTheEndOfTheLine() {
        assertThat(parse("a; # b;\nc; // d;\n")).containsExactly(Parameter.flag("a"), Parameter.flag("c"));
        assertThat(value("url = http://example.org;\n;")).isEqualTo(Value.of("http:"));
    }

    @Test
    void commentsAreNotRecognisedInQuotes() {
        assertThat(value("x = \"a # b // c /* d */\";")).isEqualTo(Value.of("a # b // c /* d */"));
    }

    @Test
    void commentsBetweenStatementsAreKept() {
        List<Statement> statements = JailConfParser.parse("# one\na; /* two */\nb { // three\n}\n", "f").statements();

        assertThat(statements).containsExactly(new Comment("# one"), Parameter.flag("a"), new Comment("/* two */"),
                new JailBlock("b", List.of(new Comment("// three"))));
    }

    @Test
    void oddCommentsAreKeptAsWritten() {
        List<Statement> statements = JailConfParser.parse("/*/ x */\n# crlf\r\r\n/**/", "f").statements();

        assertThat(statements).containsExactly(new Comment("/*/ x */"), new Comment("# crlf"), new Comment("/**/"));
    }

    @Test
    void doubleQuotesExpandVariablesButKeepALoneDollar() {
        assertThat(value("x = \"$(echo ${name}) ${host.hostname} $x $ 100$\";").parts()).containsExactly(
                new Literal("$(echo "), new VariableRef("name"), new Literal(") "), new VariableRef("host.hostname"),
                new Literal(" "), new VariableRef("x"), new Literal(" $ 100$"));
        assertThat(value("x = \"a\\$b\";")).isEqualTo(Value.of("a$b"));
    }

    @Test
    void singleQuotesAreLiteral() {
        assertThat(value("x = '$x ${y}';")).isEqualTo(Value.of("$x ${y}"));
        assertThat(value("x = '';")).isEqualTo(Value.of(""));
    }

    @Test
    void backslashEscapes() {
        assertThat(value("x = \"a\\tb\\n\\101\\x41\\\"q\\\\\";")).isEqualTo(Value.of("a\tb\nAA\"q\\"));
        assertThat(value("x = 'it\\'s';")).isEqualTo(Value.of("it's"));
        assertThat(value("x = a\\ b;")).isEqualTo(Value.of("a b"));
    }

    @Test
    void backslashNewlineContinuesTheLine() {
        assertThat(value("x = \"abc\\\ndef\";")).isEqualTo(Value.of("abcdef"));
        assertThat(value("x = abc\\\ndef;")).isEqualTo(Value.of("abcdef"));
    }

    @Test
    void quotedStringsMaySpanLines() {
        assertThat(value("x = \"one\ntwo\";")).isEqualTo(Value.of("one\ntwo"));
        assertThatThrownBy(() -> parse("x = \"one\ntwo\" y;\n"))
                .hasMessage("jail: /etc/jail.conf line 2: y: syntax error");
    }

    @Test
    void carriageReturnIsWhitespace() {
        assertThat(parse("a = b;\r\nc;\r\n")).containsExactly(Parameter.assign("a", "b"), Parameter.flag("c"));
    }

    @Test
    void includeIsOnlyTheNameValueForm() {
        assertThat(parse(".include \"/etc/a.conf\", \"/etc/b.conf\";"))
                .containsExactly(new Include("/etc/a.conf"), new Include("/etc/b.conf"));
        assertThat(parse(".include = \"/etc/a.conf\";")).containsExactly(Parameter.assign(".include", "/etc/a.conf"));
        assertThat(parse(".include;")).containsExactly(Parameter.flag(".include"));
        assertThat(JailConfParser.parse("w { .include \"x.conf\"; }", "f").includes()).containsExactly("x.conf");
    }

    @Test
    void emptyStatementsAreAllowed() {
        assertThat(parse(";;a;;\nw { ; }\n;")).containsExactly(Parameter.flag("a"), new JailBlock("w", List.of()));
    }

    @Test
    void variableDefinitions() {
        assertThat(parse("$id = 253;\n${my var} += \"x\";\n$flag;\n")).containsExactly(
                VariableDefinition.assign("id", "253"),
                new VariableDefinition("my var", Operator.APPEND, List.of(Value.of("x"))),
                new VariableDefinition("flag", Operator.NONE, List.of()));
    }

    @Test
    void nestedBlocksDefineHierarchicalJails() {
        JailConf conf = JailConfParser.parse("a { x; b { y; c { } } }\n\"q r\" { }\n", "f");

        assertThat(conf.jailNames()).containsExactly("a", "a.b", "a.b.c", "q r");
    }

    @Test
    void wildcardBlocksAreNotJails() {
        JailConf conf = JailConfParser.parse("* { persist; }\na { * { } }\n\"b.*\" { }\nc { }\nc { }\n", "f");

        assertThat(conf.jailNames()).containsExactly("a", "c");
    }

    @Test
    void anUnquotedPartialWildcardIsNotOneToken() {
        assertThatThrownBy(() -> parse("foo.* { persist; }"))
                .hasMessage("jail: /etc/jail.conf line 1: *: syntax error");
    }

    @Test
    void noPrefixedBooleansStayAsWritten() {
        assertThat(parse("allow.nomount;\nmount.nodevfs;\n"))
                .containsExactly(Parameter.flag("allow.nomount"), Parameter.flag("mount.nodevfs"));
    }

    @Test
    void nonAsciiOutsideQuotesIsRejectedButFineInside() {
        assertThat(value("x = \"ホスト\";")).isEqualTo(Value.of("ホスト"));
        assertThatThrownBy(() -> parse("x = ホスト;"))
                .hasMessage("jail: /etc/jail.conf line 1: \\xe3: syntax error");
    }
}
