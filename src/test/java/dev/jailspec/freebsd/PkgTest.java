package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PkgTest {
    private static final String ROOT = "/zdata/jails/templates/15.1-RELEASE-pkgbase";
    private static final String REPOS = "/zdata/jails/media/15.1-RELEASE-pkgbase-repos";
    private static final ReleaseVersion R15_1 = ReleaseVersion.parse("15.1-RELEASE");

    @Test
    void theTemplateIsInstalledAndPatchedFromTheBaseRepositoryWithGlobalOptionsFirst() {
        ScriptedHost host = new ScriptedHost();
        List<String> global = List.of("/usr/local/sbin/pkg", "--rootdir", ROOT, "--repo-conf-dir", REPOS, "-o", "ABI=FreeBSD:15:amd64",
                "-o", "IGNORE_OSVERSION=yes", "-o", "ASSUME_ALWAYS_YES=yes");
        host.expect(concat(global, "install", "--yes", "--repository", "FreeBSD-base", "FreeBSD-set-minimal-jail")).stdout("");
        host.expect(concat(global, "upgrade", "--yes", "--repository", "FreeBSD-base")).stdout("");

        var pkg = new Pkg(host);
        var target = new Pkg.Target(ROOT, REPOS, R15_1);
        assertThat(pkg.installBase(target, List.of(Pkg.MINIMAL_JAIL_SET)).exitCode()).isZero();
        assertThat(pkg.upgradeBase(target).exitCode()).isZero();
        host.assertAllRan();
    }

    private static String[] concat(List<String> head, String... tail) {
        var all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @Test
    void badInputIsRefusedBeforeAnythingRuns() {
        var pkg = new Pkg(new ScriptedHost());

        assertThatThrownBy(() -> pkg.installBase(new Pkg.Target(ROOT, REPOS, R15_1), List.of()))
                .hasMessageContaining("FreeBSD-set-minimal-jail");
        assertThatThrownBy(() -> new Pkg.Target("templates/15.1", REPOS, R15_1)).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new Pkg.Target(ROOT, REPOS, ReleaseVersion.parse("14.5-RELEASE")))
                .hasMessageContaining("15.0-RELEASE or later");
        assertThatThrownBy(() -> Pkg.keysDir(ReleaseVersion.parse("14.5-RELEASE"))).hasMessageContaining("15.0-RELEASE or later");
        assertThat(Pkg.keysDir(R15_1)).isEqualTo("/usr/share/keys/pkgbase-15");
    }

    @Test
    void theRepositoryIsFreebsdsDefinitionForTheReleaseOnTheMirrorEnabled() {
        String url = Pkg.repositoryUrl("https://pkg.FreeBSD.org/", R15_1);
        assertThat(url).isEqualTo("https://pkg.FreeBSD.org/FreeBSD:15:amd64/base_release_1");
        assertThat(Pkg.baseRepositoryConf(url, Pkg.keysDir(R15_1))).startsWith("FreeBSD-base: {\n")
                .contains("  url: \"https://pkg.FreeBSD.org/FreeBSD:15:amd64/base_release_1\",\n")
                .contains("  mirror_type: \"none\",\n  signature_type: \"fingerprints\",\n")
                .contains("  fingerprints: \"/usr/share/keys/pkgbase-15\",\n")
                .contains("  enabled: yes\n").doesNotContain("enabled: no");
        assertThat(Pkg.abi(ReleaseVersion.parse("15.0-RELEASE"))).isEqualTo("FreeBSD:15:amd64");
        assertThatThrownBy(() -> Pkg.baseRepositoryConf(url, "usr/share/keys/pkgbase-15"))
                .hasMessageContaining("a path inside the root, from /");
    }
}
