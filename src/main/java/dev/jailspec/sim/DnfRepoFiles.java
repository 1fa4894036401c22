package dev.jailspec.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The repository files of a Rocky userland's {@value #REPOS_DIR}: read into {@link Repo}s (the
 * variables $releasever, $basearch and $rltype filled in), one repository's {@code enabled=}
 * rewritten for {@code dnf config-manager}, and the files the simulated release packages
 * (epel-release, rpmfusion-*-release) install. The state lives in the tree, so it persists.
 */
final class DnfRepoFiles {
    static final String REPOS_DIR = "/etc/yum.repos.d";

    /** One [section] of a .repo file. */
    static final class Repo {
        String id;
        String name;
        boolean enabled;
        String mirrorlist;
        String file;

        /** What dnf shows for it: its name, else its id. */
        String displayName() {
            return name == null ? id : name;
        }
    }

    private DnfRepoFiles() {
    }

    static List<Repo> repos(Invocation inv) throws IOException {
        List<Repo> out = new ArrayList<>();
        if (!inv.fs().isDirectory(REPOS_DIR)) {
            return out;
        }
        String releasever = releasever(inv);
        List<String> files;
        try (var list = java.nio.file.Files.list(inv.fs().resolve(REPOS_DIR))) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".repo")).sorted().toList();
        }
        for (String f : files) {
            out.addAll(parse(inv.fs().readText(REPOS_DIR + "/" + f), REPOS_DIR + "/" + f, releasever));
        }
        return out;
    }

    /** The [sections] of one .repo file; a repository is enabled unless it says otherwise. */
    static List<Repo> parse(String text, String file, String releasever) {
        List<Repo> out = new ArrayList<>();
        Repo current = null;
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.startsWith("[") && t.endsWith("]")) {
                current = new Repo();
                current.id = t.substring(1, t.length() - 1);
                current.file = file;
                current.enabled = true;
                out.add(current);
            } else if (current != null && t.contains("=") && !t.startsWith("#")) {
                String key = t.substring(0, t.indexOf('=')).trim();
                String value = t.substring(t.indexOf('=') + 1).trim()
                        .replace("$releasever", releasever).replace("$basearch", "x86_64").replace("$rltype", "");
                switch (key) {
                    case "name" -> current.name = value;
                    case "enabled" -> current.enabled = value.equals("1") || value.equalsIgnoreCase("true");
                    case "mirrorlist", "metalink" -> current.mirrorlist = value;
                    default -> {
                    }
                }
            }
        }
        return out;
    }

    static String releasever(Invocation inv) throws IOException {
        return LinuxUserland.osRelease(inv.fs()).map(m -> m.getOrDefault("VERSION_ID", "")).orElse("").split("\\.")[0];
    }

    static List<Repo> enabled(List<Repo> repos) {
        return repos.stream().filter(r -> r.enabled).toList();
    }

    /** The enabled repositories as {@code dnf repolist} lists them: id and name, sorted by id. */
    static List<String[]> enabledRepos(Invocation inv) throws IOException {
        return enabled(repos(inv)).stream().sorted(Comparator.comparing(r -> r.id))
                .map(r -> new String[] {r.id, r.displayName()}).toList();
    }

    static void setEnabled(Invocation inv, Repo r, boolean on) throws IOException {
        List<String> lines = new ArrayList<>(List.of(inv.fs().readText(r.file).split("\n", -1)));
        boolean inSection = false;
        boolean done = false;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.startsWith("[")) {
                if (inSection && !done) {
                    lines.add(i, "enabled=" + (on ? 1 : 0));
                    done = true;
                    break;
                }
                inSection = t.equals("[" + r.id + "]");
            } else if (inSection && t.startsWith("enabled") && t.contains("=")) {
                lines.set(i, "enabled=" + (on ? 1 : 0));
                done = true;
            }
        }
        if (!done) {
            lines.add("enabled=" + (on ? 1 : 0));
        }
        inv.fs().writeText(r.file, String.join("\n", lines));
    }

    /** What the epel-release package puts in /etc/yum.repos.d (EPEL 9). */
    static void writeEpelRepos(Invocation inv) throws IOException {
        inv.fs().writeText(REPOS_DIR + "/epel.repo", "[epel]\n"
                + "name=Extra Packages for Enterprise Linux $releasever - $basearch\n"
                + "metalink=https://mirrors.fedoraproject.org/metalink?repo=epel-$releasever&arch=$basearch\n"
                + "enabled=1\ngpgcheck=1\n");
        inv.fs().writeText(REPOS_DIR + "/epel-cisco-openh264.repo", "[epel-cisco-openh264]\n"
                + "name=Extra Packages for Enterprise Linux $releasever openh264 (From Cisco) - $basearch\n"
                + "metalink=https://mirrors.fedoraproject.org/metalink?repo=epel-cisco-openh264-$releasever&arch=$basearch\n"
                + "enabled=1\ngpgcheck=1\n");
    }

    /**
     * What rpmfusion-{free,nonfree}-release puts in /etc/yum.repos.d, reduced to the updates
     * repository (enabled) and its -testing sibling (disabled); the ids and names are those of the
     * how-to's 23g output ("RPM Fusion for EL 9 - Free - Updates"). The mirrorlist URL is
     * not read from RPM Fusion's release RPMs [UNVERIFIED: the mirrorlist URL of rpmfusion-*-release
     * for EL 9]; nothing here downloads it.
     */
    static void writeRpmFusionRepos(Invocation inv, String kind) throws IOException {
        String label = kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1);
        for (String[] r : new String[][] {{"updates", "Updates", "released", "1"}, {"updates-testing", "Test Updates", "testing", "0"}}) {
            String id = "rpmfusion-" + kind + "-" + r[0];
            inv.fs().writeText(REPOS_DIR + "/" + id + ".repo", "[" + id + "]\n"
                    + "name=RPM Fusion for EL $releasever - " + label + " - " + r[1] + "\n"
                    + "mirrorlist=http://mirrors.rpmfusion.org/mirrorlist?repo=" + kind + "-el-updates-" + r[2]
                    + "-$releasever&arch=$basearch\n"
                    + "enabled=" + r[3] + "\ngpgcheck=1\n");
        }
    }

    /** What the epel-release package puts in /usr/bin: the crb script ({@link RockyCrb}). */
    static void writeCrbScript(Invocation inv) throws IOException {
        inv.fs().mkdirs("/usr/bin");
        inv.fs().write("/usr/bin/crb", "#!/usr/bin/bash\n# sim: epel-release's crb script\n"
                .getBytes(StandardCharsets.UTF_8), 0755);
    }
}
