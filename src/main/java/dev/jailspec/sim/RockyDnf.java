package dev.jailspec.sim;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * DNF 4 of a Rocky 9 userland (freebsd-facts 7): {@code makecache}, {@code update}/{@code upgrade},
 * {@code install}, {@code check-update} (100 while updates are pending), {@code repolist} and,
 * once dnf-plugins-core is installed, {@code config-manager --set-enabled/--set-disabled}.
 * Repositories come from the tree's /etc/yum.repos.d/*.repo, installed packages from
 * {@link LinuxUserland#PACKAGE_DB}, the metadata timestamps from {@value #CACHE}; so the state
 * persists in the tree.
 *
 * <p>The repositories' contents are the simulator's: a few updates (curl, libcurl, tzdata),
 * dnf-plugins-core and epel-release, with fixed sizes and download speeds. Metadata needs DNS:
 * without a nameserver in the tree's resolv.conf, dnf fails as it does on Rocky 9 with
 * {@code Error: Failed to download metadata for repo 'baseos': ...}, exit 1. The transaction
 * table keeps DNF's headings, sections, summary and closing lines; its column widths are the
 * simulator's and the per-package download and transaction progress lines are left out.
 *
 * <p>{@code install --nogpgcheck URL...} installs a release RPM from the web, as the how-to's
 * step 23e/23f does: only the two RPM Fusion release RPMs of the userland's EL major are known
 * ({@link #remote}); any other URL fails as DNF 4 does on HTTP 404 (see {@link #remoteNotFound}).
 */
final class RockyDnf implements SimTool {
    static final String CACHE = "/var/cache/dnf/jailspec-sim-metadata";
    static final String REPOS_DIR = "/etc/yum.repos.d";
    static final int COLUMNS = 80; // dnf's terminal width without a tty
    static final Duration METADATA_EXPIRE = Duration.ofHours(48);
    private static final String RULE = "=".repeat(COLUMNS);

    /** A package of the simulated repositories. */
    record Pkg(String name, String evr, String arch, String repo, String size, List<String> provides, List<String> requires) {
        String nevra() {
            return name + "-" + evr + "." + arch;
        }
    }

    /** The simulated repositories' packages. */
    static final List<Pkg> AVAILABLE = List.of(
            new Pkg("curl", "7.76.1-31.el9_6.1", "x86_64", "baseos", "294 k", List.of(), List.of()),
            new Pkg("libcurl", "7.76.1-31.el9_6.1", "x86_64", "baseos", "283 k", List.of(), List.of()),
            new Pkg("tzdata", "2025c-1.el9", "noarch", "baseos", "840 k", List.of(), List.of()),
            new Pkg("dnf-plugins-core", "4.3.0-20.el9", "noarch", "baseos", " 36 k",
                    List.of("dnf-command(config-manager)", "dnf-command(copr)", "dnf-command(builddep)"),
                    List.of("python3-dnf-plugins-core")),
            new Pkg("python3-dnf-plugins-core", "4.3.0-20.el9", "noarch", "baseos", "264 k", List.of(), List.of()),
            new Pkg("epel-release", "9-10.el9", "noarch", "extras", " 18 k", List.of(), List.of()));

    static final String RPMFUSION = "https://mirrors.rpmfusion.org/";

    /**
     * The release RPMs the simulated web serves, by URL, for EL {@code major}: RPM Fusion's
     * {free,nonfree}/el/rpmfusion-{free,nonfree}-release-MAJOR.noarch.rpm (the how-to's 23e/23f).
     * Version-release and size are the simulator's.
     */
    static Map<String, Pkg> remote(String major) {
        Map<String, Pkg> out = new LinkedHashMap<>();
        for (String kind : List.of("free", "nonfree")) {
            out.put(RPMFUSION + kind + "/el/rpmfusion-" + kind + "-release-" + major + ".noarch.rpm",
                    new Pkg("rpmfusion-" + kind + "-release", major + "-1", "noarch", "@commandline", " 11 k",
                            List.of(), List.of()));
        }
        return out;
    }

    /** Metadata size and download speed of each repository, as dnf's progress line shows them. */
    private static final Map<String, String[]> METADATA = Map.of(
            "baseos", new String[] {"2.3 MB", "6.1 MB/s"},
            "appstream", new String[] {"8.1 MB", " 11 MB/s"},
            "extras", new String[] {" 14 kB", " 64 kB/s"},
            "crb", new String[] {"2.2 MB", "5.8 MB/s"},
            "epel", new String[] {" 20 MB", " 13 MB/s"},
            "epel-cisco-openh264", new String[] {"2.5 kB", " 11 kB/s"});

    @Override
    public String name() {
        return "dnf";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/dnf-3", "/usr/bin/dnf");
    }

    /** One [section] of a .repo file. */
    private static final class Repo {
        String id;
        String name;
        boolean enabled;
        String mirrorlist;
        String file;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        boolean yes = false;
        boolean nogpgcheck = false;
        List<String> words = new ArrayList<>();
        for (String a : inv.args()) {
            switch (a) {
                case "-y", "--assumeyes" -> yes = true;
                case "--nogpgcheck" -> nogpgcheck = true;
                default -> {
                    if (a.startsWith("-") && words.isEmpty()) {
                        throw new SimUnsupportedException("dnf option " + a);
                    }
                    words.add(a);
                }
            }
        }
        if (words.isEmpty()) {
            throw new SimUnsupportedException("dnf without a command (its usage text)");
        }
        String command = words.get(0);
        List<String> args = words.subList(1, words.size());
        List<Repo> repos = repos(inv);
        return switch (command) {
            case "makecache" -> {
                if (!metadata(inv, repos)) {
                    yield 1;
                }
                inv.out("Metadata cache created.");
                yield 0;
            }
            case "check-update" -> checkUpdate(inv, repos);
            case "update", "upgrade" -> update(inv, repos, args, yes);
            case "install" -> args.stream().anyMatch(RockyDnf::isUrl)
                    ? installRemote(inv, repos, args, yes, nogpgcheck)
                    : install(inv, repos, args, yes);
            case "repolist" -> repolist(inv, repos, args);
            case "config-manager" -> configManager(inv, repos, args);
            default -> {
                if (List.of("remove", "erase", "info", "list", "search", "provides", "history", "clean", "module",
                        "group", "downgrade", "reinstall", "distro-sync", "autoremove", "repoquery", "help",
                        "mark", "swap", "alias", "updateinfo", "upgrade-minimal", "deplist", "repoinfo", "shell")
                        .contains(command)) {
                    throw new SimUnsupportedException("dnf " + command);
                }
                yield noSuchCommand(inv, command);
            }
        };
    }

    /** DNF 4's cli._parse_commands() for a command it does not have (plugins are enabled). */
    private static int noSuchCommand(Invocation inv, String command) {
        inv.err("No such command: " + command + ". Please use /usr/bin/dnf --help");
        inv.err("It could be a DNF plugin command, try: \"dnf install 'dnf-command(" + command + ")'\"");
        return 1;
    }

    // ---- repositories and metadata ----

    private static List<Repo> repos(Invocation inv) throws IOException {
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
            Repo current = null;
            for (String line : inv.fs().readText(REPOS_DIR + "/" + f).split("\n")) {
                String t = line.trim();
                if (t.startsWith("[") && t.endsWith("]")) {
                    current = new Repo();
                    current.id = t.substring(1, t.length() - 1);
                    current.file = REPOS_DIR + "/" + f;
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
        }
        return out;
    }

    private static String releasever(Invocation inv) throws IOException {
        return LinuxUserland.osRelease(inv.fs()).map(m -> m.getOrDefault("VERSION_ID", "")).orElse("").split("\\.")[0];
    }

    private static List<Repo> enabled(List<Repo> repos) {
        return repos.stream().filter(r -> r.enabled).toList();
    }

    /**
     * Loads the enabled repositories' metadata: downloads what is missing or older than
     * metadata_expire (48 h), else prints when it was last checked. False after dnf's error.
     */
    private static boolean metadata(Invocation inv, List<Repo> repos) throws IOException {
        List<Repo> on = enabled(repos);
        if (on.isEmpty()) {
            inv.err("Error: There are no enabled repositories in \"/etc/yum.repos.d\", \"/etc/yum/repos.d\","
                    + " \"/etc/distro.repos.d\".");
            return false;
        }
        Map<String, Long> cache = readCache(inv);
        Instant now = inv.machine().clock().instant();
        List<Repo> stale = on.stream().filter(r -> !cache.containsKey(r.id)
                || Duration.between(Instant.ofEpochSecond(cache.get(r.id)), now).compareTo(METADATA_EXPIRE) > 0).toList();
        if (stale.isEmpty()) {
            long oldest = on.stream().mapToLong(r -> cache.get(r.id)).min().orElseThrow();
            Duration ago = Duration.between(Instant.ofEpochSecond(oldest), now);
            inv.out("Last metadata expiration check: " + timedelta(ago) + " ago on "
                    + DateTimeFormatter.ofPattern("EEE dd MMM yyyy hh:mm:ss a z", Locale.US)
                            .format(Instant.ofEpochSecond(oldest).atZone(ZoneId.of("UTC"))) + ".");
            return true;
        }
        for (Repo r : stale) {
            if (!LinuxUserland.hasNameserver(inv.fs())) {
                String host = r.mirrorlist == null ? "mirrors.rockylinux.org" : r.mirrorlist.replaceAll("^https?://([^/]+).*$", "$1");
                String curl = "Curl error (6): Couldn't resolve host name for " + r.mirrorlist + " [Could not resolve host: "
                        + host + "]";
                inv.out(progressLine(displayName(r), "0.0  B/s", "  0  B"));
                inv.out("Errors during downloading metadata for repository '" + r.id + "':");
                inv.out("  - " + curl);
                inv.err("Error: Failed to download metadata for repo '" + r.id + "': Cannot prepare internal mirrorlist: "
                        + curl);
                writeCache(inv, cache);
                return false;
            }
            inv.openedConnection();
            String[] m = METADATA.getOrDefault(r.id, new String[] {"1.0 MB", "1.0 MB/s"});
            inv.out(progressLine(displayName(r), m[1], m[0]));
            cache.put(r.id, now.getEpochSecond());
        }
        writeCache(inv, cache);
        return true;
    }

    private static String displayName(Repo r) {
        return r.name == null ? r.id : r.name;
    }

    /** MultiFileProgressMeter's end line: the name filled to what is left of 80 columns. */
    static String progressLine(String text, String speed, String size) {
        String msg = " " + speed + " | " + size + " " + String.format("%9s", "00:00") + "    ";
        int left = COLUMNS - msg.length();
        String name = text.length() > left ? text.substring(0, left) : String.format("%-" + left + "s", text);
        return name + msg;
    }

    /** str(datetime.timedelta) of whole seconds: {@code 0:05:05}, {@code 1 day, 2:03:04}. */
    static String timedelta(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86400;
        s %= 86400;
        String hms = String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        return days == 0 ? hms : days + (days == 1 ? " day, " : " days, ") + hms;
    }

    private static Map<String, Long> readCache(Invocation inv) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        if (LinuxUserland.exists(inv.fs(), CACHE)) {
            for (String line : inv.fs().readText(CACHE).split("\n")) {
                String[] p = line.trim().split("\\s+");
                if (p.length == 2) {
                    out.put(p[0], Long.parseLong(p[1]));
                }
            }
        }
        return out;
    }

    private static void writeCache(Invocation inv, Map<String, Long> cache) throws IOException {
        inv.fs().mkdirs("/var/cache/dnf");
        StringBuilder sb = new StringBuilder();
        cache.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        inv.fs().writeText(CACHE, sb.toString());
    }

    // ---- packages ----

    private static List<Pkg> reachable(List<Repo> repos) {
        List<String> ids = enabled(repos).stream().map(r -> r.id).toList();
        return AVAILABLE.stream().filter(p -> ids.contains(p.repo())).toList();
    }

    /** Installed package name -> the newer package the enabled repositories offer. */
    private static List<Pkg> updates(Invocation inv, List<Repo> repos) throws IOException {
        List<Pkg> out = new ArrayList<>();
        List<String> installed = LinuxUserland.packages(inv.fs());
        for (Pkg p : reachable(repos)) {
            for (String nevra : installed) {
                if (LinuxUserland.nameOf(nevra).equals(p.name()) && !nevra.equals(p.nevra())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static int checkUpdate(Invocation inv, List<Repo> repos) throws IOException {
        if (!metadata(inv, repos)) {
            return 1;
        }
        List<Pkg> ups = updates(inv, repos);
        if (ups.isEmpty()) {
            return 0;
        }
        inv.out("");
        for (Pkg p : ups) {
            inv.out(String.format("%-40s %-22s %s", p.name() + "." + p.arch(), p.evr(), p.repo()));
        }
        return 100;
    }

    private static int update(Invocation inv, List<Repo> repos, List<String> args, boolean yes) throws IOException {
        if (!args.isEmpty()) {
            throw new SimUnsupportedException("dnf update of named packages");
        }
        if (!metadata(inv, repos)) {
            return 1;
        }
        List<Pkg> ups = updates(inv, repos);
        return transaction(inv, List.of(), List.of(), ups, yes);
    }

    private static int install(Invocation inv, List<Repo> repos, List<String> specs, boolean yes) throws IOException {
        if (specs.isEmpty()) {
            inv.err("Error: Need to pass a list of pkgs to install");
            return 1;
        }
        if (!metadata(inv, repos)) {
            return 1;
        }
        List<String> installed = LinuxUserland.packages(inv.fs());
        List<Pkg> wanted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String spec : specs) {
            Optional<Pkg> p = reachable(repos).stream()
                    .filter(x -> x.name().equals(spec) || x.nevra().equals(spec) || x.provides().contains(spec)).findFirst();
            Optional<String> present = installed.stream().filter(n -> LinuxUserland.nameOf(n).equals(spec)
                    || p.isPresent() && LinuxUserland.nameOf(n).equals(p.get().name())).findFirst();
            if (present.isPresent()) {
                inv.out("Package " + present.get() + " is already installed.");
            } else if (p.isEmpty()) {
                missing.add(spec);
            } else if (!wanted.contains(p.get())) {
                wanted.add(p.get());
            }
        }
        if (!missing.isEmpty()) {
            for (String m : missing) {
                inv.out("No match for argument: " + m);
            }
            inv.err("Error: Unable to find a match: " + String.join(" ", missing));
            return 1;
        }
        List<Pkg> deps = new ArrayList<>();
        for (Pkg p : wanted) {
            for (String req : p.requires()) {
                boolean have = installed.stream().anyMatch(n -> LinuxUserland.nameOf(n).equals(req));
                AVAILABLE.stream().filter(x -> x.name().equals(req)).findFirst()
                        .filter(x -> !have && !deps.contains(x) && !wanted.contains(x)).ifPresent(deps::add);
            }
        }
        return transaction(inv, wanted, deps, List.of(), yes);
    }

    private static boolean isUrl(String spec) {
        return spec.startsWith("http://") || spec.startsWith("https://");
    }

    /**
     * {@code dnf install URL...}: base.add_remote_rpms() downloads each URL (one progress line per
     * file) after the repositories' metadata, then installs the packages from {@code @commandline}.
     */
    private static int installRemote(Invocation inv, List<Repo> repos, List<String> specs, boolean yes,
            boolean nogpgcheck) throws IOException {
        if (!specs.stream().allMatch(RockyDnf::isUrl)) {
            throw new SimUnsupportedException("dnf install of URLs mixed with package names");
        }
        if (!nogpgcheck) {
            // DNF 4 does not refuse here: localpkg_gpgcheck defaults to False (dnf conf_ref.rst),
            // so the signature is left to rpm, whose NOKEY handling the simulator does not know.
            throw new SimUnsupportedException("dnf install of a URL without --nogpgcheck");
        }
        if (!metadata(inv, repos)) {
            return 1;
        }
        Map<String, Pkg> served = remote(releasever(inv));
        List<Pkg> wanted = new ArrayList<>();
        for (String url : specs) {
            String file = url.substring(url.lastIndexOf('/') + 1);
            Pkg p = served.get(url);
            if (p == null) {
                return remoteNotFound(inv, url, file);
            }
            inv.openedConnection();
            inv.out(progressLine(file, " 45 kB/s", p.size().trim().replace(" k", " kB")));
            if (!wanted.contains(p)) {
                wanted.add(p);
            }
        }
        List<String> installed = LinuxUserland.packages(inv.fs());
        List<Pkg> todo = new ArrayList<>();
        for (Pkg p : wanted) {
            Optional<String> present = installed.stream().filter(n -> LinuxUserland.nameOf(n).equals(p.name())).findFirst();
            if (present.isPresent()) {
                inv.out("Package " + present.get() + " is already installed.");
            } else {
                todo.add(p);
            }
        }
        return transaction(inv, todo, List.of(), List.of(), yes);
    }

    /**
     * librepo's answer to a URL the web does not serve, as DNF 4 prints it: four [MIRROR] retries,
     * [FAILED], then the error alone (no "Error: " prefix), exit 1. Wording from a DNF 4 transcript
     * of a wrong RPM Fusion URL (github.com/gmt-china/GMT_docs pull 781); the address is the
     * simulator's.
     */
    static int remoteNotFound(Invocation inv, String url, String file) {
        String status = "Status code: 404 for " + url + " (IP: " + REMOTE_ADDRESS + ")";
        for (int i = 0; i < 4; i++) {
            inv.out("[MIRROR] " + file + ": " + status);
        }
        inv.out("[FAILED] " + file + ": " + status);
        inv.err(status);
        return 1;
    }

    static final String REMOTE_ADDRESS = "192.0.2.15";

    /** Prints the transaction, asks (or -y), applies it to the package list. */
    private static int transaction(Invocation inv, List<Pkg> install, List<Pkg> deps, List<Pkg> upgrade, boolean yes)
            throws IOException {
        inv.out("Dependencies resolved.");
        if (install.isEmpty() && deps.isEmpty() && upgrade.isEmpty()) {
            inv.out("Nothing to do.");
            inv.out("Complete!");
            return 0;
        }
        List<Pkg> all = new ArrayList<>(install);
        all.addAll(deps);
        all.addAll(upgrade);
        int n = Math.max(7, all.stream().mapToInt(p -> p.name().length()).max().orElse(0));
        int v = Math.max(7, all.stream().mapToInt(p -> p.evr().length()).max().orElse(0));
        String row = " %-" + n + "s  %-12s  %-" + v + "s  %-10s  %5s";
        inv.out(RULE);
        inv.out(String.format(row, "Package", "Architecture", "Version", "Repository", "Size").stripTrailing());
        inv.out(RULE);
        section(inv, "Installing:", install, row);
        section(inv, "Upgrading:", upgrade, row);
        section(inv, "Installing dependencies:", deps, row);
        inv.out("");
        inv.out("Transaction Summary");
        inv.out(RULE);
        if (!install.isEmpty() || !deps.isEmpty()) {
            int count = install.size() + deps.size();
            inv.out("Install  " + count + " Package" + (count == 1 ? "" : "s"));
        }
        if (!upgrade.isEmpty()) {
            inv.out("Upgrade  " + upgrade.size() + " Package" + (upgrade.size() == 1 ? "" : "s"));
        }
        inv.out("");
        if (!yes) {
            // No tty: the question reads EOF from standard input.
            inv.out().out("Is this ok [y/N]: ");
            inv.out("Operation aborted.");
            return 1;
        }
        inv.out("Downloading Packages:");
        inv.out("Running transaction check");
        inv.out("Transaction check succeeded.");
        inv.out("Running transaction test");
        inv.out("Transaction test succeeded.");
        inv.out("Running transaction");
        List<String> db = new ArrayList<>(LinuxUserland.packages(inv.fs()));
        for (Pkg p : upgrade) {
            db.replaceAll(x -> LinuxUserland.nameOf(x).equals(p.name()) ? p.nevra() : x);
        }
        List<Pkg> added = new ArrayList<>(deps);
        added.addAll(install);
        for (Pkg p : added) {
            db.add(p.nevra());
            if (p.name().equals("epel-release")) {
                writeEpelRepos(inv);
                writeCrbScript(inv);
            } else if (p.name().startsWith("rpmfusion-") && p.name().endsWith("-release")) {
                writeRpmFusionRepos(inv, p.name().substring("rpmfusion-".length(), p.name().length() - "-release".length()));
            }
        }
        LinuxUserland.writePackages(inv.fs(), db);
        inv.out("");
        if (!upgrade.isEmpty()) {
            inv.out("Upgraded:");
            upgrade.forEach(p -> inv.out("  " + p.nevra()));
            inv.out("");
        }
        if (!added.isEmpty()) {
            inv.out("Installed:");
            all.stream().filter(added::contains).forEach(p -> inv.out("  " + p.nevra()));
            inv.out("");
        }
        inv.out("Complete!");
        return 0;
    }

    private static void section(Invocation inv, String title, List<Pkg> pkgs, String row) {
        if (pkgs.isEmpty()) {
            return;
        }
        inv.out(title);
        for (Pkg p : pkgs) {
            inv.out(String.format(row, p.name(), p.arch(), p.evr(), p.repo(), p.size()));
        }
    }

    /** What the epel-release package puts in /etc/yum.repos.d (EPEL 9). */
    private static void writeEpelRepos(Invocation inv) throws IOException {
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
     * written from memory of RPM Fusion's files (unverified); nothing here downloads it.
     */
    private static void writeRpmFusionRepos(Invocation inv, String kind) throws IOException {
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
    private static void writeCrbScript(Invocation inv) throws IOException {
        inv.fs().mkdirs("/usr/bin");
        inv.fs().write("/usr/bin/crb", "#!/usr/bin/bash\n# sim: epel-release's crb script\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), 0755);
    }

    /** The enabled repositories as {@code dnf repolist} lists them: id and name, sorted by id. */
    static List<String[]> enabledRepos(Invocation inv) throws IOException {
        return enabled(repos(inv)).stream().sorted(java.util.Comparator.comparing(r -> r.id))
                .map(r -> new String[] {r.id, displayName(r)}).toList();
    }

    // ---- repolist, config-manager ----

    /** dnf/cli/commands/repolist.py for 80 columns: the id column takes half of what is spare. */
    private static int repolist(Invocation inv, List<Repo> repos, List<String> args) {
        String mode = args.isEmpty() ? "enabled" : args.get(0);
        if (args.size() > 1 || !List.of("all", "enabled", "disabled").contains(mode)) {
            throw new SimUnsupportedException("dnf repolist " + String.join(" ", args));
        }
        List<Repo> shown = repos.stream().filter(r -> mode.equals("all") || r.enabled == mode.equals("enabled"))
                .sorted(java.util.Comparator.comparing(r -> r.id)).toList();
        if (shown.isEmpty()) {
            return 0;
        }
        boolean status = !mode.equals("enabled");
        int idLen = Math.max("repo id".length(), shown.stream().mapToInt(r -> r.id.length()).max().orElse(0));
        int nmLen = shown.stream().mapToInt(r -> displayName(r).length()).max().orElse(0);
        int stLen = status ? "disabled".length() : 0;
        int left = status ? COLUMNS - (idLen + stLen + 2) : COLUMNS - (idLen + 1);
        if (left < nmLen) {
            nmLen = left;
        } else {
            left -= nmLen;
            idLen += left / 2;
            nmLen += left - left / 2;
        }
        if (status) {
            inv.out(String.format("%-" + idLen + "s %-" + nmLen + "s %s", "repo id", "repo name", "status"));
        } else {
            inv.out(String.format("%-" + idLen + "s %s", "repo id", "repo name"));
        }
        for (Repo r : shown) {
            if (status) {
                inv.out(String.format("%-" + idLen + "s %-" + nmLen + "s %s", r.id, displayName(r),
                        r.enabled ? "enabled" : "disabled"));
            } else {
                inv.out(String.format("%-" + idLen + "s %s", r.id, displayName(r)));
            }
        }
        return 0;
    }

    private static int configManager(Invocation inv, List<Repo> repos, List<String> args) throws IOException {
        boolean plugin = LinuxUserland.packages(inv.fs()).stream()
                .anyMatch(p -> LinuxUserland.nameOf(p).equals("dnf-plugins-core"));
        if (!plugin) {
            return noSuchCommand(inv, "config-manager");
        }
        if (args.equals(List.of("--help"))) {
            inv.out("usage: dnf config-manager [-c [config file]] [-q] [-v] [--version] [--installroot [path]]");
            inv.out("                          [--setopt SETOPTS] [--add-repo URL] [--dump] [--dump-variables]");
            inv.out("                          [--set-enabled | --set-disabled] [REPO ...]");
            inv.out("");
            inv.out("manage dnf configuration options and repositories");
            return 0;
        }
        if (args.size() < 2 || !(args.get(0).equals("--set-enabled") || args.get(0).equals("--set-disabled"))) {
            throw new SimUnsupportedException("dnf config-manager " + String.join(" ", args));
        }
        boolean enable = args.get(0).equals("--set-enabled");
        for (String id : args.subList(1, args.size())) {
            Optional<Repo> r = repos.stream().filter(x -> x.id.equals(id)).findFirst();
            if (r.isEmpty()) {
                inv.err("Error: No matching repo to modify: " + id + ".");
                return 1;
            }
            setEnabled(inv, r.get(), enable);
        }
        return 0;
    }

    private static void setEnabled(Invocation inv, Repo r, boolean on) throws IOException {
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
}
