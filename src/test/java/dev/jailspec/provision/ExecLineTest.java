package dev.jailspec.provision;

import static dev.jailspec.provision.ExecLine.text;
import static dev.jailspec.provision.ExecLine.var;
import static dev.jailspec.provision.ExecLine.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.ShellQuote;
import dev.jailspec.jailconf.JailBlock;
import dev.jailspec.jailconf.JailConf;
import dev.jailspec.jailconf.JailConfFiles;
import dev.jailspec.jailconf.JailConfLoader;
import dev.jailspec.jailconf.JailConfRenderer;
import dev.jailspec.jailconf.Operator;
import dev.jailspec.jailconf.Parameter;
import dev.jailspec.jailconf.Value;
import dev.jailspec.jailconf.VariableDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two layers of an exec.* line: sh quoting inside jail.conf's double quotes. */
class ExecLineTest {

    /** The exec.start value jail(8) would run, after rendering, parsing and variable substitution. */
    private static String roundTrip(Value line) {
        var conf = new JailConf(List.of(new JailBlock("t", List.of(
                Parameter.assign("path", "/j"),
                VariableDefinition.assign("x", "v"),
                new Parameter("exec.start", Operator.ASSIGN, List.of(line))))));
        var files = JailConfFiles.inMemory(Map.of("/j.conf", JailConfRenderer.render(conf)));
        return JailConfLoader.load("/j.conf", files).effective("t").orElseThrow().value("exec.start").orElseThrow();
    }

    @Test
    void wordsSpecialToShOrJailConfComeBackAsTheSameArgv() {
        List<String> argv = List.of("/bin/echo", "it's", "$HOME", "a \"b\" \\c ${x}", "", "tab\there");

        assertThat(ShellQuote.split(roundTrip(ExecLine.of(argv.toArray(String[]::new))))).isEqualTo(argv);
    }

    @Test
    void aJailConfVariableIsSubstitutedInsideTheWordItIsPartOf() {
        Value line = ExecLine.of(List.of(word("/bin/echo"), word(var("x"), text(" and more")), word(text("a"), var("x"))));

        assertThat(ShellQuote.split(roundTrip(line))).containsExactly("/bin/echo", "v and more", "av");
    }

    @Test
    void anEmptyLineIsRefused() {
        assertThatThrownBy(() -> ExecLine.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least the program");
    }

    @Test
    void onlyPlainWordsMayBeSubstitutedUnquoted() {
        ExecLine.requirePlainWords(Map.of("ip", "10.1.2.3/16", "name", "lrdev"));

        assertThatThrownBy(() -> ExecLine.requirePlainWords(Map.of("gateway", "10.0.0.1;reboot")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$gateway = '10.0.0.1;reboot'");
    }
}
