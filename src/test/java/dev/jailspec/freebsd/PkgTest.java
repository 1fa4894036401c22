package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PkgTest {
    private static final String ROOT = "/zdata/jails/templates/15.1-RELEASE";
    private static final String REPOS = "/zdata/jails/media/pkg-repos";

    @Test
    void theTemplateIsInstalledAndPatchedFromTheBaseRepositoryWithGlobalOptionsFirst() {
        ScriptedHost host = new ScriptedHost();
        host.expect("pkg", "--rootdir", ROOT, "--repo-conf-dir", REPOS, "install", "--yes", "--repository",
                "FreeBSD-base", "FreeBSD-set-minimal-jail").stdout("");
        host.expect("pkg", "--rootdir", ROOT, "--repo-conf-dir", REPOS, "upgrade", "--yes", "--repository",
                "FreeBSD-base").stdout("");

        var pkg = new Pkg(host);
        assertThat(pkg.installBase(ROOT, REPOS, List.of(Pkg.MINIMAL_JAIL_SET)).exitCode()).isZero();
        assertThat(pkg.upgradeBase(ROOT, REPOS).exitCode()).isZero();
        host.assertAllRan();
    }

    @Test
    void badInputIsRefusedBeforeAnythingRuns() {
        var pkg = new Pkg(new ScriptedHost());

        assertThatThrownBy(() -> pkg.installBase(ROOT, REPOS, List.of())).hasMessageContaining("FreeBSD-set-minimal-jail");
        assertThatThrownBy(() -> pkg.upgradeBase("templates/15.1", REPOS)).hasMessageContaining("absolute");
        assertThatThrownBy(() -> Pkg.keysDir(ReleaseVersion.parse("14.5-RELEASE"))).hasMessageContaining("15.0 or later");
        assertThat(Pkg.keysDir(ReleaseVersion.parse("15.1-RELEASE"))).isEqualTo("/usr/share/keys/pkgbase-15");
    }

    @Test
    void theRepositoryIsFreebsdsOwnDefinitionEnabled() {
        assertThat(Pkg.baseRepositoryConf()).startsWith("FreeBSD-base: {\n")
                .contains("  url: \"pkg+https://pkg.FreeBSD.org/${ABI}/base_release_${VERSION_MINOR}\",\n")
                .contains("  fingerprints: \"/usr/share/keys/pkgbase-${VERSION_MAJOR}\",\n")
                .contains("  enabled: yes\n").doesNotContain("enabled: no");
    }
}
