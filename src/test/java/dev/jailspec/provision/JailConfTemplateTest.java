package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.host.ShellQuote;
import dev.jailspec.jailconf.JailConf;
import dev.jailspec.jailconf.JailConfParser;
import dev.jailspec.jailconf.JailConfRenderer;

import dev.jailspec.jailconf.JailConfFiles;
import dev.jailspec.jailconf.JailConfLoader;
import dev.jailspec.jailconf.JailParameters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JailConfTemplateTest {
    private static final Layout SEED = new Layout("zdata/jails", "/zdata/jails", "14.3-RELEASE", "lrdev", 253,
            "igc0bridge", "192.168.7.253/24", "192.168.7.221");

    private static JailParameters effective(Layout layout, boolean linux) {
        return loaded(layout, JailConfTemplate.render(layout, "run-1", linux));
    }

    @Test
    void theHeaderNamesTheSnapshotTheCloneIsMadeFromWithTheSettingsRootAndTemplateName() {
        var pkgbase = new Layout("tank/js", "/tank/js", "15.1-RELEASE", "rk9", 42, "bridge0", "10.0.0.9/24",
                "10.0.0.1", "/compat/rocky", dev.jailspec.config.TemplateKind.PKGBASE);

        for (Layout l : List.of(SEED, pkgbase)) {
            String second = JailConfTemplate.render(l, "run-1", false).lines().skip(1).findFirst().orElseThrow();
            // the snapshot CloneJail clones from and verifies as the clone's origin
            assertThat(second).isEqualTo("# The " + l.jailName() + " jail: a VNET thin jail cloned from "
                    + l.templateSnapshot() + ".");
        }
        assertThat(JailConfTemplate.render(pkgbase, "run-1", false))
                .contains("\n# The rk9 jail: a VNET thin jail cloned from tank/js/templates/15.1-RELEASE-pkgbase@base.\n");
        assertThat(JailConfTemplate.render(SEED, "run-1", false))
                .contains("\n# The lrdev jail: a VNET thin jail cloned from zdata/jails/templates/14.3-RELEASE@base.\n");
    }

    @Test
    void onSimTheWrittenHeaderNamesTheClonesOrigin(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path root = dir.resolve("host");
        SimRuns.copy(SimRuns.templateHost(), root);
        try (JailspecRun run = SimRuns.open(SimRuns.settings(root, SimRuns.cache(), "5s"), "conf-header")) {
            Provisioner p = new Provisioner(run);
            p.cloneJail();
            p.writeJailConf(false);
            String origin = p.host().run(dev.jailspec.host.Command.of("zfs", "get", "-H", "-o", "value", "origin",
                    p.layout().jailDataset())).stdout().strip();
            assertThat(origin).isEqualTo(p.layout().templateSnapshot());
            assertThat(p.host().readText(p.layout().jailConfPath()).lines().skip(1).findFirst())
                    .contains("# The lrdev jail: a VNET thin jail cloned from " + origin + ".");
            p.teardown();
        }
    }

    @Test
    void theFileIsMarkedAsOursOnItsFirstLine() {
        assertThat(JailConfTemplate.render(SEED, "run-1", true)).startsWith(JailConfTemplate.MARK + " run=run-1\n");
    }

    @Test
    void vnetJailGetsTheHowTosNetworkWithVariablesExpanded() {
        JailParameters p = effective(SEED, false);

        assertThat(p.value("path")).contains("/zdata/jails/containers/lrdev");
        assertThat(p.value("host.hostname")).contains("lrdev");
        assertThat(p.flag("vnet")).isTrue();
        assertThat(p.value("vnet.interface")).contains("epair253b");
        assertThat(p.value("devfs_ruleset")).contains("4");
        assertThat(p.value("enforce_statfs")).contains("1");
        assertThat(p.flag("allow.mount")).isTrue();
        assertThat(p.flag("allow.mount.devfs")).isTrue();
        assertThat(p.flag("allow.raw_sockets")).isTrue();
        assertThat(p.values("exec.prestart")).containsExactly(
                "/sbin/ifconfig epair253 create up",
                "/sbin/ifconfig epair253a up descr jail:lrdev",
                "/sbin/ifconfig igc0bridge addm epair253a up");
        assertThat(p.values("exec.start")).containsExactly(
                "/sbin/ifconfig epair253b 192.168.7.253/24 up",
                "/sbin/route add default 192.168.7.221",
                "/bin/sh /etc/rc");
        assertThat(p.values("exec.poststop")).containsExactly(
                "/sbin/ifconfig igc0bridge deletem epair253a",
                "/sbin/ifconfig epair253a destroy");
        assertThat(p.values("mount")).isEmpty();
    }

    @Test
    void linuxMountsGoUnderCompatRockyNotCompatUbuntu() {
        JailParameters p = effective(SEED, true);

        assertThat(p.values("mount")).hasSize(5).allSatisfy(line ->
                assertThat(line).contains("/zdata/jails/containers/lrdev/compat/rocky/").doesNotContain("ubuntu"));
        assertThat(p.values("mount")).anySatisfy(line -> assertThat(line.split("\\s+"))
                .containsExactly("tmpfs", "/zdata/jails/containers/lrdev/compat/rocky/dev/shm", "tmpfs",
                        "rw,size=1g,mode=1777", "0", "0"));
        assertThat(p.values("mount")).anySatisfy(line -> assertThat(line).contains("fdescfs").contains("linrdlnk"));
    }

    private static JailParameters effective(LinuxJailOptions linux) {
        return loaded(SEED, JailConfTemplate.render(SEED, "run-1", Optional.of(linux)));
    }

    /** jail(8) gives -oruleset= only to mount.devfs: every devfs of a mount line must name its ruleset itself. */
    @Test
    void noDevfsIsMountedWithoutARuleset() {
        JailParameters p = effective(new LinuxJailOptions(4711, java.util.List.of()));

        var devfs = p.values("mount").stream().map(l -> l.split("\\s+")).filter(f -> f[2].equals("devfs")).toList();
        assertThat(devfs).hasSize(1).allSatisfy(f -> assertThat(f[3].split(",")).contains("ruleset=4711"));
        assertThat(p.flag("mount.devfs")).isTrue();
        assertThat(p.value("devfs_ruleset")).contains("4");
    }

    @Test
    void noHostDirectoryIsMountedUnlessAsked() {
        assertThat(effective(LinuxJailOptions.DEFAULT).values("mount")).noneSatisfy(line ->
                assertThat(line.split("\\s+")[2]).isEqualTo("nullfs"));

        JailParameters shared = effective(new LinuxJailOptions(253, java.util.List.of("/tmp", "/home")));
        assertThat(shared.values("mount")).filteredOn(line -> line.contains("nullfs")).extracting(l -> l.split("\\s+")[0]
                + " " + l.split("\\s+")[1]).containsExactly("/tmp /zdata/jails/containers/lrdev/compat/rocky/tmp",
                "/home /zdata/jails/containers/lrdev/compat/rocky/home");
    }

    @Test
    void everyValueComesFromTheLayout() {
        var other = new Layout("tank/js", "/srv/js", "15.0-RELEASE", "acc1", 42, "bridge0", "10.1.2.3/16", "10.1.0.1");
        JailParameters p = effective(other, true);

        assertThat(p.value("path")).contains("/srv/js/containers/acc1");
        assertThat(p.value("vnet.interface")).contains("epair42b");
        assertThat(p.values("exec.start")).startsWith("/sbin/ifconfig epair42b 10.1.2.3/16 up",
                "/sbin/route add default 10.1.0.1");
        assertThat(p.values("exec.prestart")).contains("/sbin/ifconfig bridge0 addm epair42a up");
        assertThat(JailConfTemplate.render(other, "r", true)).doesNotContain("zdata", "lrdev", "igc0bridge", "192.168.7");
    }

    /** Every option combination: the file parses back to the model it was rendered from. */
    @Test
    void theRenderedModelParsesBackToTheSameModelAndParameters() {
        var other = new Layout("tank/js", "/srv/js", "15.0-RELEASE", "acc1", 42, "bridge0", "10.1.2.3/16", "10.1.0.1");
        List<Optional<LinuxJailOptions>> options = List.of(Optional.empty(), Optional.of(LinuxJailOptions.DEFAULT),
                Optional.of(new LinuxJailOptions(4711, List.of("/tmp", "/home"))),
                Optional.of(new LinuxJailOptions(253, List.of("/home"))));
        for (Layout layout : List.of(SEED, other)) {
            for (Optional<LinuxJailOptions> linux : options) {
                JailConf model = JailConfTemplate.model(layout, "run-1", linux);
                String text = JailConfRenderer.render(model);

                assertThat(JailConfParser.parse(text, layout.jailConfPath())).as("%s %s", layout.jailName(), linux)
                        .isEqualTo(model);
                assertThat(loaded(layout, text).values("mount")).hasSize(linux.map(o -> 5 + o.hostDirs().size()).orElse(0));
            }
        }
    }

    /** jail(8) substitutes the variables, then sh reads the line: each exec.* line is the argv it was made from. */
    @Test
    void everyExecLineIsTheArgvItWasMadeFrom() {
        JailParameters p = effective(SEED, true);

        assertThat(p.values("exec.prestart")).extracting(ShellQuote::split).containsExactly(
                List.of("/sbin/ifconfig", "epair253", "create", "up"),
                List.of("/sbin/ifconfig", "epair253a", "up", "descr", Marks.epairDescription("lrdev")),
                List.of("/sbin/ifconfig", "igc0bridge", "addm", "epair253a", "up"));
        assertThat(p.values("exec.stop")).extracting(ShellQuote::split)
                .containsExactly(List.of("/bin/sh", "/etc/rc.shutdown", "jail"));
    }

    @Test
    void aSettingThatWouldSplitAnExecLineIsRefused() {
        var spaced = new Layout("zdata/jails", "/zdata/jails", "14.3-RELEASE", "lrdev", 253,
                "igc0 bridge", "192.168.7.253/24", "192.168.7.221");

        assertThatThrownBy(() -> JailConfTemplate.render(spaced, "run-1", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$bridge = 'igc0 bridge'").hasMessageContaining("change the setting");
    }

    /** The model changes the text's layout, not one effective parameter of the hand-written file before it. */
    @Test
    void theModelsFileHasTheSameParametersAsTheHandWrittenOneBeforeIt() throws Exception {
        var before = Map.of("lrdev-vnet-only.conf", Optional.<LinuxJailOptions>empty(),
                "lrdev-linux-hostdirs.conf", Optional.of(new LinuxJailOptions(4711, List.of("/tmp", "/home"))));
        for (var e : before.entrySet()) {
            String old;
            try (var in = getClass().getResourceAsStream("/jailconf-template/" + e.getKey())) {
                old = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertThat(loaded(SEED, JailConfTemplate.render(SEED, "run-1", e.getValue())).asMap()).as(e.getKey())
                    .isEqualTo(loaded(SEED, old).asMap());
        }
    }

    @Test
    void aJailPathWithABlankIsRefusedBecauseMountLinesAreSplitOnBlanks() {
        var blank = new Layout("tank/js", "/srv/my jails", "15.0-RELEASE", "acc1", 42, "bridge0", "10.1.2.3/16", "10.1.0.1");

        assertThatThrownBy(() -> JailConfTemplate.render(blank, "r", true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'/srv/my jails/containers/acc1' holds a blank");
    }

    private static JailParameters loaded(Layout layout, String text) {
        var files = JailConfFiles.inMemory(Map.of(layout.jailConfPath(), text));
        return JailConfLoader.load(layout.jailConfPath(), files).effective(layout.jailName()).orElseThrow();
    }
}
