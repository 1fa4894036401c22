package dev.jailspec.jailconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JailConfRendererTest {

    private static JailConf roundTrip(JailConf conf) {
        return JailConfParser.parse(JailConfRenderer.render(conf), "rendered");
    }

    @Test
    void rendersCanonicalText() {
        JailConf conf = new JailConf(List.of(
                new Comment("# defaults"),
                Parameter.assign("exec.start", "/bin/sh /etc/rc"),
                Parameter.flag("mount.devfs"),
                VariableDefinition.assign("id", "253"),
                new Include("/etc/jail.conf.d/*.conf"),
                new JailBlock("lrdev", List.of(
                        Parameter.assign("devfs_ruleset", "4"),
                        new Parameter("mount", Operator.APPEND, List.of(Value.of(
                                new Literal("devfs "), new VariableRef("path"), new Literal("/compat/rocky/dev"))))))));

        assertThat(JailConfRenderer.render(conf)).isEqualTo("""
                # defaults
                exec.start = "/bin/sh /etc/rc";
                mount.devfs;
                $id = 253;
                .include "/etc/jail.conf.d/*.conf";

                lrdev {
                \tdevfs_ruleset = 4;
                \tmount += "devfs ${path}/compat/rocky/dev";
                }
                """);
        assertThat(roundTrip(conf)).isEqualTo(conf);
    }

    @Test
    void awkwardNamesAndValuesSurviveTheRoundTrip() {
        String nasty = "q\"uote \\back $dollar ${brace} # hash /* c */ // s\nnl\ttab\u0001ctl \u00e9 ホ";
        JailConf conf = new JailConf(List.of(
                new Parameter(nasty, Operator.ASSIGN, List.of(Value.of(nasty), Value.of(""), Value.of("plain"))),
                new Parameter("x", Operator.NONE, List.of(Value.of("/"), Value.of("+="), Value.of("//"), Value.of("*"))),
                new Parameter("y", Operator.ASSIGN, List.of(Value.of(
                        new VariableRef(nasty), new VariableRef(""), new VariableRef("a\\"), new Literal("}{\\")))),
                new VariableDefinition(nasty, Operator.APPEND, List.of(Value.of(new VariableRef("z")))),
                new VariableDefinition("a\\", Operator.NONE, List.of()),
                new Include("/etc/$weird \"name\".conf"),
                Parameter.assign(".include", "not an include"),
                new JailBlock("*", List.of(new JailBlock(nasty, List.of(new Comment("/* multi\n line */"))))),
                new JailBlock("", List.of())));

        assertThat(roundTrip(conf)).isEqualTo(conf);
    }

    @Test
    void plainWordsStayBareAndTheRestIsQuoted() {
        String text = JailConfRenderer.render(new JailConf(List.of(
                Parameter.assign("ip4.addr", "lo1|10.0.0.1/24", "10.0.0.2"),
                Parameter.assign("host.hostname", "my host"),
                Parameter.assign("path", "/"),
                Parameter.assign("mount.fstab", "/etc/fstab.web", "/usr//local", "/a/*b"))));

        assertThat(text).isEqualTo("""
                ip4.addr = lo1|10.0.0.1/24, 10.0.0.2;
                host.hostname = "my host";
                path = /;
                mount.fstab = /etc/fstab.web, "/usr//local", "/a/*b";
                """);
    }
}
