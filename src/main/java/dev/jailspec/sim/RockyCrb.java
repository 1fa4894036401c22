package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * /usr/bin/crb of the epel-release package (EPEL 9), a bash script; simulated here for
 * {@code status} only. The script's show_status() greps {@code dnf repolist} for a line naming
 * crb, powertools or codeready (not debug, source, eus or virt) and prints
 * {@code CRB repo is enabled and named: ID} or {@code CRB repo is disabled}, exit 0. Texts from
 * the script as printed by {@code cat /usr/bin/crb} on EL 9 (epel-release-9-5.el9).
 * {@code enable} and {@code disable} run dnf config-manager and are not simulated. [UNVERIFIED: no copy of
 * that script is kept in the corpus to check these texts against.]
 */
final class RockyCrb implements SimTool {
    @Override
    public String name() {
        return "crb";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/crb");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        List<String> a = inv.args();
        if (a.size() != 1 || !(a.get(0).equals("status") || a.get(0).equals("--status"))) {
            throw new SimUnsupportedException("crb " + String.join(" ", a));
        }
        List<String> ids = DnfRepoFiles.enabledRepos(inv).stream()
                .filter(r -> matches(r[0] + " " + r[1]))
                .map(r -> r[0]).toList();
        // $(... | awk '{print $1}') joins several ids with newlines; "${crb_repo}" keeps them.
        inv.out(ids.isEmpty() ? "CRB repo is disabled" : "CRB repo is enabled and named: " + String.join("\n", ids));
        return 0;
    }

    private static boolean matches(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return (l.contains("crb") || l.contains("powertools") || l.contains("codeready"))
                && !(l.contains("debug") || l.contains("source") || l.contains("eus") || l.contains("virt"));
    }
}
