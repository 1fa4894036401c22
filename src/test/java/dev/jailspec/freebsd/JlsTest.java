package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.CommandFailedException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JlsTest {
    private final ScriptedHost host = new ScriptedHost();

    @AfterEach
    void everyExpectedCommandRan() {
        host.assertAllRan();
    }

    private static final Map<String, Consumer<Transcript>> TRANSCRIPTS = Map.of(
            "jls/001.txt", t -> assertThat(JlsParser.parseTable(t.output())).containsExactly(
                    // VNET jail: no IPv4, the libxo jls prints blanks there
                    new JailInfo(1, Optional.empty(), "myjail.local", "/usr/jail/myjail", List.of(), List.of())),
            "jls/002.txt", t -> assertThat(JlsParser.parseTable(t.output())).containsExactly(
                    new JailInfo(1, Optional.empty(), "minecraft", "/jail/minecraft", List.of("10.0.0.210"), List.of())),
            "jls-v/001.txt", t -> {
                List<JailInfo> jails = JlsParser.parseVerbose(t.output());
                assertThat(jails).extracting(JailInfo::jid).containsExactly(1, 2, 3, 4);
                assertThat(jails.get(1)).isEqualTo(new JailInfo(2, Optional.of("ioc-pkg-repo"), "pkg-repo",
                        "/zroot/iocage/jails/pkg-repo/root", List.of(), List.of()));
                assertThat(jails.get(3).name()).contains("ioc-repos-devel");
            },
            "jls-j/001.txt", t -> { // one parameter: the whole line is the value, spaces and all
                var e = JlsParser.parseParameters(t.output(), List.of("meta"), false);
                assertThat(e).hasSize(1);
                assertThat(e.get(0).value("meta")).contains("a b c");
            },
            "jls-j/002.txt", t -> assertThat(JlsParser.parseParameters(t.output(), List.of("meta"), false)
                    .get(0).value("meta")).contains(""),
            "jls-libxo-json/001.txt", t -> {
                var e = JlsParser.parseJson(t.output());
                assertThat(e).hasSize(1);
                assertThat(e.get(0).values()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "j", "meta", "a b c"));
            },
            "jls-libxo-json/002.txt", t -> assertThat(JlsParser.parseJson(t.output()).get(0).value("env"))
                    .contains("1 2 3"));

    static Stream<String> transcripts() {
        return Stream.of("jls", "jls-v", "jls-j", "jls-libxo-json").flatMap(c -> Transcript.filesOf(c).stream());
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void parsesEveryJlsTranscript(String file) {
        assertThat(TRANSCRIPTS).as("expectations for " + file).containsKey(file);
        TRANSCRIPTS.get(file).accept(Transcript.load(file));
    }

    @Test
    void defaultJsonFromTheHandbook() {
        // freebsd-facts 2.4
        var e = JlsParser.parseJson("{\"__version\": \"2\", \"jail-information\": {\"jail\": [{\"jid\":1,"
                + "\"ipv4\":\"192.168.250.70\",\"hostname\":\"classic\",\"path\":\"/usr/local/jails/containers/classic\"}]}}");
        assertThat(JailInfo.from(e.get(0))).isEqualTo(new JailInfo(1, Optional.empty(), "classic",
                "/usr/local/jails/containers/classic", List.of("192.168.250.70"), List.of()));
    }

    @Test
    void emptyJailListJson() {
        assertThat(JlsParser.parseJson("{\"__version\": \"2\", \"jail-information\": {\"jail\": []}}")).isEmpty();
    }

    @Test
    void listUsesVerboseJson() {
        // -v JSON keys (freebsd-facts 2.4); the shape matches a real 2017 sample quoted in bsdci/libioc#9
        host.expect("jls", "-v", "--libxo", "json").stdout("{\"__version\": \"2\", \"jail-information\": {\"jail\": ["
                + "{\"jid\":1,\"hostname\":\"rocky\",\"path\":\"/usr/local/jails/containers/rocky\",\"name\":\"rocky\","
                + "\"state\":\"ACTIVE\",\"cpusetid\":2,\"ipv4_addrs\":[\"192.168.7.50\"],\"ipv6_addrs\":[]},"
                + "{\"jid\":3,\"hostname\":\"vnet1\",\"path\":\"/j/vnet1\",\"name\":\"vnet1\",\"state\":\"ACTIVE\","
                + "\"cpusetid\":4,\"ipv4_addrs\":[],\"ipv6_addrs\":[]}]}}\n");

        List<JailInfo> jails = new Jls(host).list();

        assertThat(jails).containsExactly(
                new JailInfo(1, Optional.of("rocky"), "rocky", "/usr/local/jails/containers/rocky",
                        List.of("192.168.7.50"), List.of()),
                new JailInfo(3, Optional.of("vnet1"), "vnet1", "/j/vnet1", List.of(), List.of()));
    }

    @Test
    void addressListElementsMayBeObjects() {
        var e = JlsParser.parseJson("{\"__version\": \"2\", \"jail-information\": {\"jail\": [{\"jid\":2,"
                + "\"hostname\":\"h\",\"path\":\"/j/h\",\"name\":\"h\",\"ipv4_addrs\":[{\"ipv4_addr\":\"10.0.0.2\"},"
                + "{\"ipv4_addr\":[\"10.0.0.3\"]}]}]}}");
        assertThat(JailInfo.from(e.get(0)).ipv4()).containsExactly("10.0.0.2", "10.0.0.3");
    }

    @Test
    void findParsesQuotedHeaderForm() {
        host.expect("jls", "-j", "rocky", "-h", "-q", "jid", "name", "path", "host.hostname")
                .stdout("jid name path host.hostname\n7 rocky \"/usr/local/jails/my jails/rocky\" rocky.example\n");

        assertThat(new Jls(host).find("rocky")).contains(new JailInfo(7, Optional.of("rocky"), "rocky.example",
                "/usr/local/jails/my jails/rocky", List.of(), List.of()));
    }

    @Test
    void findOfMissingJailIsEmpty() {
        // freebsd-facts 2.4: stderr `jls: jail "NAME" not found`, exit 1
        host.expect("jls", "-j", "nope", "-h", "-q", "jid", "name", "path", "host.hostname")
                .exit(1).stderr("jls: jail \"nope\" not found\n");

        assertThat(new Jls(host).find("nope")).isEmpty();
    }

    @Test
    void findThrowsOnOtherFailures() {
        host.expect("jls", "-j", "web", "-h", "-q", "jid", "name", "path", "host.hostname")
                .exit(1).stderr("usage: jls [-dhNnqv] [-j jail] [param ...]\n");

        assertThatThrownBy(() -> new Jls(host).find("web")).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("usage: jls");
    }

    @Test
    void findRejectsOptionLookingNames() {
        assertThatThrownBy(() -> new Jls(host).find("-v")).hasMessageContaining("invalid jail name '-v'");
        assertThat(host.ran()).isEmpty();
    }

    @Test
    void findOfADyingJailIsEmptyForItIsNotRunning() {
        // kern_jail.c kern_jail_get [UNVERIFIED: an unpinned 14-era copy, not releng/14.3]: without
        // JAIL_DYING, "jail \"NAME\" is dying"; jls xo_errx(1, ...)
        host.expect("jls", "-j", "lrdev", "-h", "-q", "jid", "name", "path", "host.hostname")
                .exit(1).stdout("jid name path host.hostname\n").stderr("jls: jail \"lrdev\" is dying\n");

        assertThat(new Jls(host).find("lrdev")).isEmpty();
    }

    @Test
    void presenceTellsRunningDyingAndAbsentApart() {
        String params = "jid name path host.hostname dying\n";
        host.expect("jls", "-d", "-j", "a", "-h", "-q", "jid", "name", "path", "host.hostname", "dying")
                .stdout(params + "3 a /j/a a false\n");
        host.expect("jls", "-d", "-j", "b", "-h", "-q", "jid", "name", "path", "host.hostname", "dying")
                .stdout(params + "4 b /j/b b true\n");
        host.expect("jls", "-d", "-j", "c", "-h", "-q", "jid", "name", "path", "host.hostname", "dying")
                .exit(1).stdout(params).stderr("jls: jail \"c\" not found\n");

        Jls jls = new Jls(host);
        JailInfo b = new JailInfo(4, Optional.of("b"), "b", "/j/b", List.of(), List.of());
        assertThat(jls.presence("a")).isInstanceOf(JailPresence.Running.class).matches(JailPresence::isRunning);
        assertThat(jls.presence("b")).isEqualTo(new JailPresence.Dying(b)).matches(JailPresence::isDying);
        assertThat(jls.presence("c")).isEqualTo(new JailPresence.Absent());
    }

    @Test
    void presenceRejectsAStrangeDyingValue() {
        host.expect("jls", "-d", "-j", "a", "-h", "-q", "jid", "name", "path", "host.hostname", "dying")
                .stdout("jid name path host.hostname dying\n3 a /j/a a maybe\n");

        assertThatThrownBy(() -> new Jls(host).presence("a")).hasMessageContaining("dying=maybe")
                .hasMessageContaining("expected true or false");
    }

    @Test
    void unquotedEmptyAddressListIsADashAndAnEmptyStringIsTwoQuotes() {
        // jls.c special_print: no bytes -> "-" (without -q); quoted_print: "" for an empty string
        var e = JlsParser.parseParameters("name ip4.addr host.domainname\nj - \"\"\n",
                List.of("name", "ip4.addr", "host.domainname"), false).get(0);
        assertThat(e.values()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "j", "ip4.addr", "", "host.domainname", ""));
        assertThat(JailInfo.from(new JlsEntry(Map.of("jid", "1", "path", "/j", "ip4.addr", "-"), Map.of())).ipv4()).isEmpty();
        assertThat(JlsParser.parseParameters("-\n", List.of("host.hostname"), false).get(0).value("host.hostname"))
                .as("a string whose value is '-' stays '-'").contains("-");
    }

    @Test
    void quotedValuesKeepBackslashesAndTabs() {
        // jls.c quoted_print: quotes (only with -q) but never escapes; a tab also makes it quoted
        var e = JlsParser.parseParameters("name host.hostname path\n\"\" \"a\tb\" \"C:\\dir\\x y\"\n",
                List.of("name", "host.hostname", "path"), true).get(0);
        assertThat(e.value("name")).contains("");
        assertThat(e.value("host.hostname")).contains("a\tb");
        assertThat(e.value("path")).contains("C:\\dir\\x y");
    }

    @Test
    void jsonParameterListGivesAddressArrays() {
        // jls.c special_print: in JSON ip4.addr/ip6.addr go through emit_ip_addr_list
        var e = JlsParser.parseJson("{\"__version\": \"2\", \"jail-information\": {\"jail\": [{\"jid\":\"5\","
                + "\"path\":\"/j/x\",\"ip4.addr\":[\"10.0.0.5\",\"10.0.0.6\"],\"ip6.addr\":[]}]}}").get(0);
        assertThat(e.list("ip4.addr")).containsExactly("10.0.0.5", "10.0.0.6");
        assertThat(JailInfo.from(e).ipv4()).containsExactly("10.0.0.5", "10.0.0.6");
        assertThat(JailInfo.from(e).ipv6()).isEmpty();
    }

    @Test
    void quotedSplitHandlesEveryQuoteKind() {
        assertThat(JlsParser.splitQuoted("1 \"\" 'say \"hi\"' \"it's\" plain"))
                .containsExactly("1", "", "say \"hi\"", "it's", "plain");
    }

    @Test
    void unquotedMultiParameterWithSpacesIsRejected() {
        assertThatThrownBy(() -> JlsParser.parseParameters("1 a b c\n", List.of("jid", "meta"), false))
                .hasMessageContaining("needs jls -q");
    }

    @Test
    void ipListFromHeaderFormIsCommaSeparated() {
        var e = JlsParser.parseParameters("jid path ip4.addr\n2 /j/a 10.0.0.2,10.0.0.3\n",
                List.of("jid", "path", "ip4.addr"), true);
        assertThat(JailInfo.from(e.get(0)).ipv4()).containsExactly("10.0.0.2", "10.0.0.3");
    }

    @Test
    void verboseListsIpAddressesByFamily() {
        String out = "   JID  Hostname                      Path\n"
                + "        Name                          State\n"
                + "        CPUSetID\n"
                + "        IP Address(es)\n"
                + "     1  classic                       /usr/local/jails/containers/classic\n"
                + "        classic                       ACTIVE\n"
                + "        2\n"
                + "        192.168.1.151\n"
                + "        2001:db8::151\n";
        JailInfo j = JlsParser.parseVerbose(out).get(0);
        assertThat(j.ipv4()).containsExactly("192.168.1.151");
        assertThat(j.ipv6()).containsExactly("2001:db8::151");
    }
}
