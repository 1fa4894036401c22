package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.config.SettingsException;
import dev.jailspec.config.TemplateKind;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.EventBus;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pkgbase template (jailspec.freebsd.template=pkgbase) built on the simulated host with the pkgbase
 * steps: the names of its kind, a jail cloned from it at the repository's patch level, reuse without
 * pkg running again, the half-built template undone after a failing pkg, and pkgbase refused before 15.0.
 */
class PkgbaseTemplateOnSimTest {
    private static final String DATE = "2026-12-03";
    private static final String RELEASE = "15.1-RELEASE";

    @TempDir
    Path dir;

    private final List<List<String>> commands = new ArrayList<>();

    private JailspecRun open(String runId, String... extra) {
        var all = new ArrayList<>(List.of("jailspec.clock", DATE, "jailspec.freebsd.release", RELEASE,
                "jailspec.freebsd.template", "pkgbase"));
        all.addAll(List.of(extra));
        var bus = new EventBus();
        bus.subscribe(CommandStarted.class, e -> commands.add(e.command().argv()));
        return JailspecRun.open(SimRuns.settings(dir.resolve("host"), dir.resolve("cache"), "10s",
                all.toArray(String[]::new)), bus, runId);
    }

    private List<List<String>> pkgCommands() {
        return commands.stream().filter(c -> c.get(0).equals(dev.jailspec.freebsd.Pkg.PROGRAM)).toList();
    }

    @Test
    void theLayoutNamesTheKindsApart() {
        Layout dist = new Layout("zdata/jails", "/zdata/jails", RELEASE, "lrdev", 253, "bridge0", "192.168.7.253/24",
                "192.168.7.221", "/compat/rocky");
        Layout pkgbase = new Layout("zdata/jails", "/zdata/jails", RELEASE, "lrdev", 253, "bridge0", "192.168.7.253/24",
                "192.168.7.221", "/compat/rocky", TemplateKind.PKGBASE);
        assertThat(dist.templateSnapshot()).isEqualTo("zdata/jails/templates/15.1-RELEASE@base");
        assertThat(pkgbase.templateSnapshot()).isEqualTo("zdata/jails/templates/15.1-RELEASE-pkgbase@base");
        assertThat(pkgbase.templatePath()).isEqualTo("/zdata/jails/templates/15.1-RELEASE-pkgbase");
        assertThat(pkgbase.pkgRepoConfDir()).isEqualTo("/zdata/jails/media/15.1-RELEASE-pkgbase-repos");
    }

    @Test
    void theJailRunsOnAPkgbaseTemplatePatchedToTheRepositorysLevelAndASecondRunReusesItWithoutPkg() {
        try (JailspecRun run = open("first")) {
            var p = new Provisioner(run);
            p.ensureLinuxJailRunning();

            assertThat(p.insideJail().run(Command.of("freebsd-version", "-u")).stdout()).isEqualTo("15.1-RELEASE-p3\n");
            assertThat(pkgCommands()).extracting(c -> c.get(c.indexOf("-o") + 6)).containsExactly("install", "upgrade");
            assertThat(new Zfs(run.host()).exists("zdata/jails/templates/15.1-RELEASE-pkgbase@base")).isTrue();
            assertThat(run.host().stat(p.layout().templatePath() + "/usr/share/keys/pkgbase-15/trusted/awskms-15")).isPresent();
            assertThat(run.host().readText(p.layout().pkgRepoConfDir() + "/FreeBSD-base.conf"))
                    .contains("/FreeBSD:15:amd64/base_release_1\",")
                    .as("pkg opens the fingerprints under --rootdir: the path inside the template")
                    .contains("  fingerprints: \"/usr/share/keys/pkgbase-15\",\n");
            p.teardown();
        }
        commands.clear();
        try (JailspecRun run = open("second")) {
            var p = new Provisioner(run);
            p.ensureTemplate();
            p.ensureTemplate();
            assertThat(pkgCommands()).as("a snapshotted template is reused untouched").isEmpty();
            p.teardown();
            assertThat(new Zfs(run.host()).exists("zdata/jails/templates/15.1-RELEASE-pkgbase@base")).isTrue();
        }
    }

    @Test
    void bothKindsOfTemplateAreKeptSideBySide() {
        try (JailspecRun run = open("dist", "jailspec.freebsd.template", "dist")) {
            new Provisioner(run).ensureTemplate();
        }
        try (JailspecRun run = open("pkgbase")) {
            new Provisioner(run).ensureTemplate();
            var zfs = new Zfs(run.host());
            assertThat(zfs.exists("zdata/jails/templates/15.1-RELEASE@base")).isTrue();
            assertThat(zfs.exists("zdata/jails/templates/15.1-RELEASE-pkgbase@base")).isTrue();
        }
    }

    @Test
    void aFailingPkgInstallStopsWithPkgsWordsAndTeardownDestroysTheHalfBuiltTemplate() {
        try (JailspecRun run = open("failing", "jailspec.sim.faults", "pkg --rootdir=exit:3")) {
            var p = new Provisioner(run);
            assertThatThrownBy(p::ensureTemplate).isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("pkg could not install FreeBSD-set-minimal-jail").hasMessageContaining("exit 3")
                    .hasMessageContaining("jailspec.freebsd.pkgMirror");
            p.teardown();
            assertThat(new Zfs(run.host()).exists("zdata/jails/templates/15.1-RELEASE-pkgbase")).isFalse();
        }
    }

    @Test
    void theRepositoryStepIsDoneOnceItsFileHoldsThisMirrorsDefinitionAndTheKeysNeedA15Host() {
        Layout layout = new Layout("zdata/jails", "/zdata/jails", RELEASE, "lrdev", 253, "bridge0", "192.168.7.253/24",
                "192.168.7.221", "/compat/rocky", TemplateKind.PKGBASE);
        try (var host = dev.jailspec.sim.SimHost.create(dir.resolve("plain"),
                dev.jailspec.sim.SimHostSpec.defaults().withRelease("14.5-RELEASE"),
                dev.jailspec.config.RunClock.parse(DATE).orElseThrow())) {
            var first = new WritePkgbaseRepository(host, layout, "https://pkg.example.org");
            assertThat(first.isDone()).isFalse();
            first.apply();
            first.verify();
            assertThat(first.isDone()).isTrue();
            assertThat(new WritePkgbaseRepository(host, layout, "https://other.example.org").isDone())
                    .as("another mirror is another definition").isFalse();

            var keys = new CopyPkgbaseKeys(host, layout);
            assertThat(keys.isDone()).isFalse();
            assertThatThrownBy(keys::apply).isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("the host has no /usr/share/keys/pkgbase-15/trusted")
                    .hasMessageContaining("jailspec.freebsd.template=dist");
        }
    }

    @Test
    void aHostWithoutPkg8IsToldToBootstrapIt() {
        Layout layout = new Layout("zdata/jails", "/zdata/jails", RELEASE, "lrdev", 253, "bridge0", "192.168.7.253/24",
                "192.168.7.221", "/compat/rocky", TemplateKind.PKGBASE);
        try (var sim = dev.jailspec.sim.SimHost.create(dir.resolve("nopkg"),
                dev.jailspec.sim.SimHostSpec.defaults().withRelease(RELEASE),
                dev.jailspec.config.RunClock.parse(DATE).orElseThrow())) {
            // The simulated host always has pkg(8); sh's answer for a host without it, by the path Pkg runs.
            var host = new dev.jailspec.host.ForwardingHost(sim) {
                @Override
                public dev.jailspec.host.CommandResult run(Command c, java.util.function.Consumer<dev.jailspec.host.OutputLine> l) {
                    return c.argv().get(0).equals(dev.jailspec.freebsd.Pkg.PROGRAM)
                            ? sim.run(Command.of("/usr/local/sbin/nonesuch")) : sim.run(c, l);
                }
            };
            assertThatThrownBy(() -> new InstallPkgbaseSystem(host, layout).apply())
                    .isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("the host has no pkg(8) at /usr/local/sbin/pkg")
                    .hasMessageContaining("'pkg bootstrap'");
        }
    }

    @Test
    void pkgbaseBefore15IsASettingsErrorSayingWhyAndWhatToDo() {
        assertThatThrownBy(() -> open("old", "jailspec.freebsd.release", "14.5-RELEASE").close())
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("jailspec.freebsd.template=pkgbase needs FreeBSD 15.0-RELEASE or later")
                .hasMessageContaining("template's release is 14.5-RELEASE")
                .hasMessageContaining("15.0-RELEASE release notes")
                .hasMessageContaining("use jailspec.freebsd.template=dist for 14.x");
    }
}
