package dev.jailspec.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.linux.DnfRepolist.Repo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DnfRepolistTest {
    /** The output of a real {@code dnf repolist} on Rocky 9, without its "$ command" line. */
    private static String transcript() throws IOException {
        try (InputStream in = DnfRepolistTest.class.getResourceAsStream("/transcripts/dnf-repolist/001.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("$ ")).collect(Collectors.joining("\n", "", "\n"));
        }
    }

    @Test
    void aRealListingGivesEachRepositoryWithItsName() throws IOException {
        DnfRepolist list = DnfRepolist.parse(transcript());

        assertThat(list.ids()).containsExactly("appstream", "baseos", "crb", "epel", "epel-cisco-openh264", "extras");
        assertThat(list.repos().get(4)).isEqualTo(new Repo("epel-cisco-openh264",
                "Extra Packages for Enterprise Linux 9 openh264 (From Cisco) - x86_64", ""));
    }

    @Test
    void theStatusColumnOfRepolistAllIsItsOwnField() {
        String all = "repo id          repo name                  status\n"
                + "baseos           Rocky Linux 9 - BaseOS     enabled\n"
                + "crb              Rocky Linux 9 - CRB        disabled\n";

        assertThat(DnfRepolist.parse(all).repos()).containsExactly(
                new Repo("baseos", "Rocky Linux 9 - BaseOS", "enabled"),
                new Repo("crb", "Rocky Linux 9 - CRB", "disabled"));
    }

    @Test
    void noOutputIsNoRepositoriesAndOtherTextIsRefused() {
        assertThat(DnfRepolist.parse("").repos()).isEmpty();
        assertThatThrownBy(() -> DnfRepolist.parse("Error: There are no enabled repositories\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not the output of dnf repolist: its first line is 'Error: There are no enabled"
                        + " repositories', not the header 'repo id ... repo name'");
    }
}
