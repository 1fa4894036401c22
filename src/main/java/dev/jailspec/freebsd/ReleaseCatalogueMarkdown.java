package dev.jailspec.freebsd;

import java.util.List;

/**
 * Renders the release catalogue ({@link FreebsdReleases}, {@link ReleaseChange}) as the page
 * {@code docs/releases.md}, so the page and the code cannot drift apart (a test compares them).
 */
public final class ReleaseCatalogueMarkdown {

    private ReleaseCatalogueMarkdown() {
    }

    public static String render() {
        var md = new StringBuilder();
        md.append("# FreeBSD release catalogue\n\n")
                .append("Generated from `dev.jailspec.freebsd.FreebsdReleases` and `ReleaseChange` by")
                .append(" `ReleaseCatalogueMarkdown`; `ReleasesDocTest` fails when this page and the code differ.")
                .append(" Regenerate it with\n`mvn -B -q test -Dtest=ReleasesDocTest -Djailspec.docs.write=true`.\n\n")
                .append("Preflight, the defaults (`provision.RunRelease`) and the simulator read this one catalogue.")
                .append(" What it could not confirm is marked `[UNVERIFIED]` here and is shown as a note in the report")
                .append(" of every run that uses the release.\n\n");
        md.append("| release | released | end of life | `uname -v` (GENERIC, unpatched) | newest patch level | OpenZFS |\n")
                .append("|---|---|---|---|---|---|\n");
        for (FreebsdRelease r : FreebsdReleases.all()) {
            md.append("| ").append(r.name()).append(" | ").append(r.released()).append(" | ").append(r.endOfLife())
                    .append(r.verified() ? "" : " [UNVERIFIED]").append(" | `").append(r.build().unameV()).append("` | ")
                    .append(r.build().newestPatch().isPresent() ? "-p" + r.build().newestPatch().getAsInt() : "unknown")
                    .append(r.build().patchVerified() ? "" : " [UNVERIFIED]").append(" | ")
                    .append(r.openZfs().version()).append(r.openZfs().verified() ? "" : " [UNVERIFIED]").append(" |\n");
        }
        md.append("\n## What a host of each release shows\n\n")
                .append("- `freebsd-version -kru` on a fresh install prints the release name three times (kernel,")
                .append(" running kernel, userland), e.g. `14.3-RELEASE` (freebsd-facts 1.1) and `15.1-RELEASE`")
                .append(" (a 15.1 transcript, index id 70435374841). After `freebsd-update fetch install` the userland")
                .append(" (`-u`) shows the newest patch level; the kernel (`-k`) and, after a reboot, the running")
                .append(" kernel (`-r`, also `uname -r`) show the patch level of the last update that touched the")
                .append(" kernel, which can be lower (freebsd-version(1)). jailspec drops the patch level to name")
                .append(" the release: a `14.5-RELEASE-p2` host runs `14.5-RELEASE` templates.\n")
                .append("- `uname -v` is the table's string; a patched kernel carries another `-n<count>-<hash>` of")
                .append(" the release's branch (e.g. `15.0-RELEASE-p5 releng/15.0-n281018-0730d5233286`), which the")
                .append(" catalogue does not hold, so the simulator runs unpatched kernels only.\n")
                .append("- `zfs version` prints `zfs-<OpenZFS>-FreeBSD_g<revision>` and the same after `zfs-kmod-`;")
                .append(" where no transcript shows the revision the simulator prints `[UNVERIFIED]` in its place.\n");
        md.append("\n## Changes that touch the procedure\n\n")
                .append("| since | change | source |\n|---|---|---|\n");
        for (ReleaseChange c : ReleaseChange.values()) {
            md.append("| ").append(c.since()).append(" | ").append(c.summary()).append(" | ").append(c.source())
                    .append(" |\n");
        }
        md.append("\n## Sources, release by release\n");
        for (FreebsdRelease r : FreebsdReleases.all()) {
            md.append("\n### ").append(r.name()).append("\n\n")
                    .append("- dates: ").append(r.source()).append('\n')
                    .append("- `uname -v`: ").append(r.build().unameSource()).append('\n')
                    .append("- patch level: ").append(r.build().patchSource()).append('\n')
                    .append("- OpenZFS: ").append(r.openZfs().source())
                    .append(r.openZfs().gitRevision().map(g -> "; revision `" + g + "`").orElse("")).append('\n');
            List<String> unverified = r.unverified();
            if (!unverified.isEmpty()) {
                md.append("- not confirmed:\n");
                unverified.forEach(u -> md.append("  - ").append(u).append('\n'));
            }
        }
        return md.toString();
    }
}
