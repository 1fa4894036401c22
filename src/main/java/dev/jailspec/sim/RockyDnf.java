package dev.jailspec.sim;

import dev.jailspec.sim.DnfPackageUniverse.Pkg;
import dev.jailspec.sim.DnfRepoFiles.Repo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * DNF 4 of a Rocky 9 userland (freebsd-facts 7), and of Rocky 10 (DNF 4.20: the same output
 * [UNVERIFIED: no Rocky 10 transcript], but no filelists metadata by default, see DnfMetadata): {@code makecache}, {@code update}/{@code upgrade},
 * {@code install}, {@code check-update} (100 while updates are pending), {@code repolist} and,
 * once dnf-plugins-core is installed, {@code config-manager --set-enabled/--set-disabled}.
 * Repositories come from the tree's /etc/yum.repos.d/*.repo, installed packages from
 * {@link LinuxUserland#PACKAGE_DB}, the metadata timestamps from {@value DnfMetadata#CACHE}; so the state
 * persists in the tree.
 *
 * <p>The repositories' contents are the simulator's: a few updates (curl, libcurl, tzdata),
 * dnf-plugins-core and epel-release, with fixed sizes and download speeds. Metadata needs DNS:
 * without a nameserver in the tree's resolv.conf, dnf fails as it does on Rocky 9 with
 * {@code Error: Failed to download metadata for repo 'baseos': ...}, exit 1. The transaction
 * table is laid out as DNF lays it out ({@link DnfColumns}); the per-package download and
 * transaction progress lines are left out.
 *
 * <p>This class is the dispatcher and the commands; the repository files are {@link DnfRepoFiles},
 * the metadata {@link DnfMetadata}, the packages {@link DnfPackageUniverse}, the layout of the
 * texts {@link DnfOutput}.
 *
 * <p>{@code install --nogpgcheck URL...} installs a release RPM from the web, as the how-to's
 * step 23e/23f does: only the two RPM Fusion release RPMs of the userland's EL major are known
 * ({@link DnfPackageUniverse#remote}); any other URL fails as DNF 4 does on HTTP 404 (see
 * {@link DnfOutput#remoteNotFound}).
 */
final class RockyDnf implements SimTool {
    private static final String CONFIG_MANAGER_HELP = "dnf-config-manager-help.txt";

    @Override
    public String name() {
        return "dnf";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/dnf-3", "/usr/bin/dnf");
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
        List<Repo> repos = DnfRepoFiles.repos(inv);
        return switch (command) {
            case "makecache" -> {
                if (!DnfMetadata.load(inv, repos)) {
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
                yield DnfOutput.noSuchCommand(inv, command);
            }
        };
    }

    private static int checkUpdate(Invocation inv, List<Repo> repos) throws IOException {
        if (!DnfMetadata.load(inv, repos)) {
            return 1;
        }
        List<Pkg> ups = DnfPackageUniverse.updates(inv, repos);
        if (ups.isEmpty()) {
            return 0;
        }
        inv.out("");
        DnfOutput.updateRows(ups).forEach(inv::out);
        return 100;
    }

    private static int update(Invocation inv, List<Repo> repos, List<String> args, boolean yes) throws IOException {
        if (!args.isEmpty()) {
            throw new SimUnsupportedException("dnf update of named packages");
        }
        if (!DnfMetadata.load(inv, repos)) {
            return 1;
        }
        List<Pkg> ups = DnfPackageUniverse.updates(inv, repos);
        return transaction(inv, List.of(), List.of(), ups, yes);
    }

    private static int install(Invocation inv, List<Repo> repos, List<String> specs, boolean yes) throws IOException {
        if (specs.isEmpty()) {
            inv.err("Error: Need to pass a list of pkgs to install");
            return 1;
        }
        if (!DnfMetadata.load(inv, repos)) {
            return 1;
        }
        List<String> installed = LinuxUserland.packages(inv.fs());
        List<Pkg> wanted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String spec : specs) {
            Optional<Pkg> p = DnfPackageUniverse.reachable(repos, DnfRepoFiles.releasever(inv)).stream()
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
                DnfPackageUniverse.available(DnfRepoFiles.releasever(inv)).stream().filter(x -> x.name().equals(req)).findFirst()
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
        if (!DnfMetadata.load(inv, repos)) {
            return 1;
        }
        Map<String, Pkg> served = DnfPackageUniverse.remote(DnfRepoFiles.releasever(inv));
        List<Pkg> wanted = new ArrayList<>();
        for (String url : specs) {
            String file = url.substring(url.lastIndexOf('/') + 1);
            Pkg p = served.get(url);
            if (p == null) {
                return DnfOutput.remoteNotFound(inv, url, file);
            }
            inv.openedConnection();
            inv.out(DnfOutput.progressLine(file, " 45 kB/s", p.size().trim().replace(" k", " kB")));
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

    /** Prints the transaction, asks (or -y), applies it to the package list. */
    private static int transaction(Invocation inv, List<Pkg> install, List<Pkg> deps, List<Pkg> upgrade, boolean yes)
            throws IOException {
        inv.out("Dependencies resolved.");
        if (install.isEmpty() && deps.isEmpty() && upgrade.isEmpty()) {
            inv.out("Nothing to do.");
            inv.out("Complete!");
            return 0;
        }
        DnfOutput.transactionTable(install, deps, upgrade).forEach(inv::out);
        // Installed size: (DNF prints it for installs) needs the packages' installed sizes, which
        // the simulated packages do not carry: left out [UNVERIFIED: the sizes of Rocky's packages].
        inv.out(DnfOutput.totalDownloadSize(Stream.of(install, deps, upgrade).flatMap(List::stream).toList()));
        if (!yes) {
            // No tty: the question reads EOF from standard input.
            // cli.py: the question goes to stdout, the CliError "Operation aborted." to stderr
            // (DNF 4.14.0 (Debian bookworm) as run by RealDnfDifferentialTest).
            inv.out().out("Is this ok [y/N]: ");
            inv.err("Operation aborted.");
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
                DnfRepoFiles.writeEpelRepos(inv);
                DnfRepoFiles.writeCrbScript(inv);
            } else if (p.name().startsWith("rpmfusion-") && p.name().endsWith("-release")) {
                DnfRepoFiles.writeRpmFusionRepos(inv, p.name().substring("rpmfusion-".length(), p.name().length() - "-release".length()));
            }
        }
        LinuxUserland.writePackages(inv.fs(), db);
        inv.out("");
        DnfOutput.postTransaction("Upgraded", upgrade.stream().map(Pkg::nevra).toList()).forEach(inv::out);
        DnfOutput.postTransaction("Installed", added.stream().map(Pkg::nevra).toList()).forEach(inv::out);
        inv.out("Complete!");
        return 0;
    }

    /** {@code dnf repolist [all|enabled|disabled]}: the repositories of that state, sorted by id. */
    private static int repolist(Invocation inv, List<Repo> repos, List<String> args) {
        String mode = args.isEmpty() ? "enabled" : args.get(0);
        if (args.size() > 1 || !List.of("all", "enabled", "disabled").contains(mode)) {
            throw new SimUnsupportedException("dnf repolist " + String.join(" ", args));
        }
        List<Repo> shown = repos.stream().filter(r -> mode.equals("all") || r.enabled == mode.equals("enabled"))
                .sorted(Comparator.comparing(r -> r.id)).toList();
        DnfOutput.repolist(shown, !mode.equals("enabled")).forEach(inv::out);
        return 0;
    }

    private static int configManager(Invocation inv, List<Repo> repos, List<String> args) throws IOException {
        boolean plugin = LinuxUserland.packages(inv.fs()).stream()
                .anyMatch(p -> LinuxUserland.nameOf(p).equals("dnf-plugins-core"));
        if (!plugin) {
            return DnfOutput.noSuchCommand(inv, "config-manager");
        }
        if (args.equals(List.of("--help"))) {
            // dnf-plugins-core 4.3.1's help as argparse lays it out for 80 columns: DNF 4.14.0
            // (Debian bookworm) as run by RealDnfDifferentialTest, recorded in the resource.
            // [UNVERIFIED: Rocky 9's dnf-plugins-core 4.3.0 on Python 3.9 prints the same text]
            try (var in = RockyDnf.class.getResourceAsStream(CONFIG_MANAGER_HELP)) {
                inv.out().out(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
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
            DnfRepoFiles.setEnabled(inv, r.get(), enable);
        }
        return 0;
    }

}
