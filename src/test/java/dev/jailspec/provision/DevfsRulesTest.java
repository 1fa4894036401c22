package dev.jailspec.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DevfsRulesTest {
    private static final String ADMIN = "[devfsrules_bpf=10]\nadd include $devfsrules_jail\nadd path 'bpf*' unhide\n";

    @Test
    void theSectionIncludesTheJailRulesetAndUnhidesShmAndFdBetweenMarkLines() {
        List<String> lines = DevfsRules.section("run-1", 253).lines().toList();

        assertThat(lines.get(0)).startsWith(JailConfTemplate.MARK + " run=run-1 begin");
        assertThat(lines.subList(1, lines.size() - 1)).containsExactly("[jailspec_linux=253]", "add include $devfsrules_jail",
                "add path fd unhide", "add path 'fd/*' unhide", "add path shm unhide", "add path 'shm/*' unhide");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(JailConfTemplate.MARK + " end");
    }

    @Test
    void addingAndRemovingTheSectionGivesTheAdminsFileBack() {
        String with = DevfsRules.with(ADMIN, DevfsRules.section("run-1", 253));

        assertThat(with).startsWith(ADMIN).contains("[jailspec_linux=253]");
        assertThat(DevfsRules.hasSection(with)).isTrue();
        assertThat(DevfsRules.without(with)).isEqualTo(ADMIN);
        assertThat(DevfsRules.with(with, DevfsRules.section("run-2", 253))).isEqualTo(ADMIN + DevfsRules.section("run-2", 253));
        assertThat(DevfsRules.without(DevfsRules.section("run-1", 253))).isEmpty();
        assertThat(DevfsRules.hasSection(ADMIN)).isFalse();
    }

    @Test
    void aRulesetNumberTheAdminUsesIsFoundOutsideOurSection() {
        String file = DevfsRules.with(ADMIN, DevfsRules.section("run-1", 253));

        assertThat(DevfsRules.otherRulesetNumbered(file, 10)).contains("devfsrules_bpf");
        assertThat(DevfsRules.otherRulesetNumbered(file, 253)).isEmpty();
    }

    @Test
    void hostDiskAndMemoryNodesAreTold() {
        assertThat(LinuxUserlandIsolation.hostDevices(List.of("ada0", "ada0p2", "nda0", "da1s1a", "vtbd0", "mem", "kmem",
                "io", "null", "zero", "fd", "shm", "pts", "random", "stdin", "audit", "mdctl")))
                .containsExactly("ada0", "ada0p2", "nda0", "da1s1a", "vtbd0", "mem", "kmem", "io");
    }
}
