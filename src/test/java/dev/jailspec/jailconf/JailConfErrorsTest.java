package dev.jailspec.jailconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each error jail(8) can report about a configuration, worded as jail(8) words it. */
class JailConfErrorsTest {

    private static final String CONF = "/etc/jail.conf";

    private static JailConfException parseError(String text) {
        JailConfException error = catchThrowableOfType(JailConfException.class, () -> JailConfParser.parse(text, CONF));
        assertThat(error).as("expected a parse error for %s", text).isNotNull();
        return error;
    }

    private static JailConfException effectiveError(String text, String jail) {
        JailConfSet set = JailConfLoader.load(CONF, JailConfFiles.inMemory(Map.of(CONF, text)));
        JailConfException error = catchThrowableOfType(JailConfException.class, () -> set.effective(jail));
        assertThat(error).as("expected %s to fail", jail).isNotNull();
        return error;
    }

    @Test
    void unterminatedStringNamesTheLineItStartsOn() {
        JailConfException error = parseError("a;\nexec.start = \"/bin/sh /etc/rc;\nb;\n");

        assertThat(error.firstLine()).isEqualTo("jail: /etc/jail.conf line 2: unterminated string");
        assertThat(error).hasMessageStartingWith("jail: /etc/jail.conf line 2: unterminated string");
    }

    @Test
    void unterminatedSingleQuoteIsAnUnterminatedStringToo() {
        assertThat(parseError("a = 'x;\n").firstLine()).isEqualTo("jail: /etc/jail.conf line 1: unterminated string");
    }

    @Test
    void unterminatedCommentIsReportedWhereTheFileEnds() {
        JailConfException error = parseError("a;\n/* one\ntwo\n");

        assertThat(error.lines()).containsExactly("jail: /etc/jail.conf line 4: unterminated comment");
    }

    @Test
    void unterminatedVariable() {
        JailConfException error = parseError("path = \"/jails/${name\";\n");

        assertThat(error.firstLine()).isEqualTo("jail: /etc/jail.conf line 1: unterminated variable");
    }

    @Test
    void syntaxErrorShowsTheTokenThatCouldNotFollow() {
        JailConfException error = parseError("www {\n  path = /jails/www\n  persist;\n}\n");

        assertThat(error.lines()).containsExactly("jail: /etc/jail.conf line 3: persist: syntax error");
    }

    @Test
    void syntaxErrorOnAPunctuationCharacter() {
        assertThat(parseError("a = b;\n}\n").firstLine()).isEqualTo("jail: /etc/jail.conf line 2: }: syntax error");
        assertThat(parseError("interface = ;\n").firstLine()).isEqualTo("jail: /etc/jail.conf line 1: ;: syntax error");
    }

    @Test
    void unexpectedEofHasNoLineNumber() {
        assertThat(parseError("www {\n  persist;\n").lines()).containsExactly("jail: /etc/jail.conf: unexpected EOF");
        assertThat(parseError("persist").lines()).containsExactly("jail: /etc/jail.conf: unexpected EOF");
    }

    @Test
    void recoveryReportsTheNextIndependentError() {
        JailConfException error = parseError("a = ;\nb;\nc;\nd = {;\n");

        assertThat(error.lines()).containsExactly(
                "jail: /etc/jail.conf line 1: ;: syntax error",
                "jail: /etc/jail.conf line 4: {: syntax error");
    }

    @Test
    void includeFileNameMustNotUseVariables() {
        JailConfException error = parseError("$d = \"/etc\";\n.include \"$d/x.conf\";\n");

        assertThat(error.lines()).containsExactly(
                "jail: /etc/jail.conf line 2: variables not permitted in '.include' filename");
    }

    @Test
    void variableNotFoundNamesJailParameterAndVariable() {
        JailConfException error = effectiveError("web {\n  exec.start = \"ifconfig $iface up\";\n}\n", "web");

        assertThat(error.lines()).containsExactly("jail: web: exec.start: variable \"iface\" not found");
    }

    @Test
    void aValuelessParameterCannotBeSubstituted() {
        JailConfException error = effectiveError("web {\n  persist;\n  path = \"/j/$persist\";\n}\n", "web");

        assertThat(error.firstLine()).isEqualTo("jail: web: path: variable \"persist\" not found");
    }

    @Test
    void variableLoop() {
        JailConfException error = effectiveError("$a = \"$b\";\n$b = \"x$a\";\nweb { path = \"/j/$a\"; }\n", "web");

        assertThat(error.lines()).containsExactly("jail: web: a: variable loop");
    }

    @Test
    void arrayCannotBeSubstitutedInline() {
        JailConfException error = effectiveError("$ips = 10.0.0.1, 10.0.0.2;\nweb { path = \"/j/$ips\"; }\n", "web");

        assertThat(error.lines()).containsExactly("jail: web: path: array cannot be substituted inline");
    }

    @Test
    void variableMayNotShareAParametersName() {
        JailConfException error = effectiveError("$path = \"/x\";\nweb { persist; }\n", "web");

        assertThat(error.lines())
                .containsExactly("jail: web: variable \"$path\" cannot have the same name as a parameter.");
    }

    @Test
    void theJailNameCannotBeRedefined() {
        JailConfException error = effectiveError(TestCorpus.text("accept/017"), "t1");

        assertThat(error.firstLine()).isEqualTo("jail: t1: cannot redefine parameter \"name\".");
    }

    @Test
    void loadingWarnsAboutEveryJailNotOnlyTheOneStarted() {
        JailConfSet set = JailConfLoader.load(CONF, JailConfFiles.inMemory(Map.of(CONF,
                "db { path = \"/j/$nope\"; }\nweb { path = /j/web; }\n")));

        assertThat(set.warnings()).containsExactly("jail: db: path: variable \"nope\" not found");
        assertThat(set.effective("web").orElseThrow().value("path")).hasValue("/j/web");
        assertThat(JailConfLoader.load(CONF, JailConfFiles.inMemory(Map.of(CONF, "web { }"))).warnings()).isEmpty();
    }

    @Test
    void missingRootFile() {
        assertThatThrownBy(() -> JailConfLoader.load(CONF, JailConfFiles.inMemory(Map.of())))
                .isInstanceOf(JailConfException.class)
                .hasMessage("jail: /etc/jail.conf: No such file or directory");
    }

    @Test
    void missingIncludedFileIsFatal() {
        Map<String, String> files = Map.of(CONF, "a;\n.include \"/etc/jail.conf.d/web.conf\";\n");

        assertThatThrownBy(() -> JailConfLoader.load(CONF, JailConfFiles.inMemory(files)))
                .isInstanceOf(JailConfException.class)
                .hasMessage("jail: /etc/jail.conf.d/web.conf: No such file or directory");
    }

    @Test
    void globMatchingNothingIsNotAnError() {
        Map<String, String> files = Map.of(CONF, ".include \"/etc/jail.conf.d/*.conf\";\nweb { persist; }\n");

        assertThat(JailConfLoader.load(CONF, JailConfFiles.inMemory(files)).jailNames()).containsExactly("web");
    }

    @Test
    void errorInAnIncludedFileNamesThatFileAndLine() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CONF, ".include \"/etc/jail.conf.d/*.conf\";\n");
        files.put("/etc/jail.conf.d/web.conf", "web {\n  path = \"/j\n}\n");

        assertThatThrownBy(() -> JailConfLoader.load(CONF, JailConfFiles.inMemory(files)))
                .isInstanceOf(JailConfException.class)
                .hasMessageStartingWith("jail: /etc/jail.conf.d/web.conf line 2: unterminated string");
    }

    @Test
    void includingItselfStopsAtTheMaximumDepth() {
        Map<String, String> files = Map.of(CONF, ".include \"/etc/jail.conf\";\n");

        assertThatThrownBy(() -> JailConfLoader.load(CONF, JailConfFiles.inMemory(files)))
                .isInstanceOf(JailConfException.class)
                .hasMessage("jail: maximum include depth exceeded");
    }

    @Test
    void thirtyTwoNestedIncludesAreAllowed() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CONF, ".include \"/etc/j1.conf\";\n");
        for (int i = 1; i < 32; i++) {
            files.put("/etc/j" + i + ".conf", ".include \"/etc/j" + (i + 1) + ".conf\";\n");
        }
        files.put("/etc/j32.conf", "deep { persist; }\n");

        assertThat(JailConfLoader.load(CONF, JailConfFiles.inMemory(files)).jailNames()).containsExactly("deep");

        files.put("/etc/j32.conf", ".include \"/etc/j33.conf\";\n");
        files.put("/etc/j33.conf", "deeper { persist; }\n");
        assertThatThrownBy(() -> JailConfLoader.load(CONF, JailConfFiles.inMemory(files)))
                .hasMessage("jail: maximum include depth exceeded");
    }
}
