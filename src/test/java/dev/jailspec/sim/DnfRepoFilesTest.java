package dev.jailspec.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading .repo files as dnf does, apart from the tree they live in. */
class DnfRepoFilesTest {
    @Test
    void sectionsAreRepositoriesEnabledUnlessTheySayOtherwiseWithTheVariablesFilledIn() {
        String text = "# comment\n[baseos]\nname=Rocky Linux $releasever - BaseOS\n"
                + "mirrorlist=https://mirrors.rockylinux.org/mirrorlist?arch=$basearch&repo=BaseOS-$releasever$rltype\n"
                + "\n[crb]\nname=Rocky Linux $releasever - CRB\nenabled=0\n#enabled=1\n[extras]\nenabled=True\n";

        List<DnfRepoFiles.Repo> repos = DnfRepoFiles.parse(text, "/etc/yum.repos.d/rocky.repo", "9");

        assertThat(repos).extracting(r -> r.id).containsExactly("baseos", "crb", "extras");
        assertThat(repos).extracting(r -> r.enabled).containsExactly(true, false, true);
        assertThat(repos).extracting(DnfRepoFiles.Repo::displayName)
                .containsExactly("Rocky Linux 9 - BaseOS", "Rocky Linux 9 - CRB", "extras");
        assertThat(repos.get(0).mirrorlist)
                .isEqualTo("https://mirrors.rockylinux.org/mirrorlist?arch=x86_64&repo=BaseOS-9");
        assertThat(repos).allMatch(r -> r.file.equals("/etc/yum.repos.d/rocky.repo"));
        assertThat(DnfRepoFiles.enabled(repos)).extracting(r -> r.id).containsExactly("baseos", "extras");
    }

    @Test
    void linesBeforeTheFirstSectionBelongToNoRepository() {
        assertThat(DnfRepoFiles.parse("name=orphan\nenabled=1\n", "/etc/yum.repos.d/x.repo", "9")).isEmpty();
    }
}
