package dev.jailspec.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pkg install} and {@code pkg upgrade} of the simulated pkg into a root, as freebsd/pkg tag 2.7.5
 * has them (src/install.c {@code exec_install}, getopt {@code "+ACfFgiIlMnqr:RUxy"}; src/upgrade.c
 * {@code exec_upgrade}, {@code "+CfFgiInqr:Uxyv"}; of which {@code -y/--yes} and {@code -r/--repository}
 * are modelled; the same at tags 2.4.2 and 2.8.4, which adds {@code X} to install's). Both first update
 * the repository ({@link PkgRepository#update}); a failed update is pkgcli_update's return value
 * returned as the exit status, EPKG_FATAL, which is 3 (libpkg/pkg.h.in: EPKG_OK = 0, EPKG_END,
 * EPKG_WARN, EPKG_FATAL, the same at all three tags). A name no catalogue has: pkg_jobs_find_remote_pattern's
 * "No packages available to install matching 'NAME' have been found in the repositories"
 * (libpkg/pkg_jobs.c), exit 1. The jobs summary is print_jobs_summary's (src/utils.c): "The following N
 * package(s) will be affected (of 0 checked):" (pkg_jobs_total returns j->total, which nothing sets, so
 * 0 for install and upgrade alike; a 15.0 host's pkg 2.4.2 printed it, freebsd/pkg#2674), "New packages
 * to be INSTALLED:", "Installed packages to be UPGRADED:", "Number of packages to be installed: N";
 * the size lines that follow ("... to be downloaded.", "The process will require ... more space.")
 * are left out, as the fixture's catalogue carries no sizes. Without --yes or ASSUME_ALWAYS_YES
 * (src/globals.c sets yes from it), vquery_yesno asks "Proceed with this action? [y/N]: " and takes
 * y, Y or yes (any case) as yes, n, N or no as no, asks again after anything else ("Please type
 * 'Y[es]' or 'N[o]' to make a selection"), and end of input is the default, no (exit 1). Nothing to do:
 * "The most recent versions of packages are already installed" (install) or "Your packages are up to
 * date." (upgrade), exit 0. The job lines are src/event.c's: "[i/n] Fetching NAME-VERSION" (the
 * file name of the url without ".pkg"), "Installing NAME-VERSION...", "Upgrading NAME from OLD to
 * NEW...", "Extracting NAME-VERSION" (not printed for a package with no files), with the non-tty progress bar
 * ({@link PkgProgress}).
 *
 * <p>Packages are fetched into the root's {@code /var/cache/pkg} and extracted into the root with the
 * simulated tar's extraction (libarchive, as pkg's own); the root's package database, pkg's
 * {@code /var/db/pkg/local.sqlite}, is stood in for by {@code /var/db/pkg/sim-installed}, one package a
 * line (name, version, repository).
 */
final class PkgJobs {
    static final String INSTALLED = "/var/db/pkg/sim-installed";
    /** EPKG_FATAL (libpkg/pkg.h.in, freebsd/pkg 2.7.5), what pkgcli_update returns when a repository could not be updated. */
    static final int EPKG_FATAL = 3;

    private final Invocation inv;
    private final SimFileSystem fs;
    private final String root;
    private final List<PkgRepository.Definition> repos;
    private final PkgTool.Globals globals;

    PkgJobs(Invocation inv, SimFileSystem fs, String root, List<PkgRepository.Definition> repos, PkgTool.Globals globals) {
        this.inv = inv;
        this.fs = fs;
        this.root = root;
        this.repos = repos;
        this.globals = globals;
    }

    private record Options(boolean yes, String repository, List<String> operands) {
    }

    int install(List<String> args) throws IOException {
        Optional<Options> o = options(args, "ACfFgiIlMnqRUx", () -> {
            inv.err("Usage: pkg install [-ACfFgiIlMnqRUxy] [--autoremove] [-r reponame] <pkg-name> ...\n");
            inv.err("For more information see 'pkg help install'.");
        });
        if (o.isEmpty() || o.get().operands().isEmpty()) {
            if (o.isPresent()) {
                inv.err("Usage: pkg install [-ACfFgiIlMnqRUxy] [--autoremove] [-r reponame] <pkg-name> ...\n");
                inv.err("For more information see 'pkg help install'.");
            }
            return 1;
        }
        PkgRepository.Definition repo = repository(o.get().repository());
        Optional<PkgRepository.Catalogue> updated = update(repo);
        if (updated.isEmpty()) {
            return EPKG_FATAL;
        }
        PkgRepository.Catalogue catalogue = updated.get();
        boolean missing = false;
        for (String name : o.get().operands()) {
            if (catalogue.find(name).isEmpty()) {
                inv.err("pkg: No packages available to install matching '" + name + "' have been found in the repositories");
                missing = true;
            }
        }
        if (missing) {
            return 1;
        }
        Map<String, String> installed = installed();
        List<PkgRepository.Entry> jobs = new ArrayList<>();
        for (String name : o.get().operands()) {
            closure(catalogue, name, jobs);
        }
        jobs.removeIf(e -> e.version().equals(installed.get(e.name())));
        if (jobs.isEmpty()) {
            inv.out("The most recent versions of packages are already installed");
            return 0;
        }
        inv.out("The following " + jobs.size() + " package(s) will be affected (of 0 checked):");
        inv.out("");
        inv.out("New packages to be INSTALLED:");
        jobs.forEach(e -> inv.out("\t" + e.name() + ": " + e.version() + " [" + repo.name() + "]"));
        inv.out("");
        inv.out("Number of packages to be installed: " + jobs.size());
        if (!confirmed(o.get())) {
            return 1;
        }
        apply(repo, jobs, installed, "Installing", "");
        return 0;
    }

    int upgrade(List<String> args) throws IOException {
        Optional<Options> o = options(args, "CfFgiInqUxv", () -> {
            inv.err("Usage: pkg upgrade [-fInFqUy] [--autoremove] [-r reponame] [-Cgix] <pkg-name> ...\n");
            inv.err("For more information see 'pkg help upgrade'.");
        });
        if (o.isEmpty()) {
            return 1;
        }
        if (!o.get().operands().isEmpty()) {
            throw new SimUnsupportedException("pkg upgrade of named packages");
        }
        PkgRepository.Definition repo = repository(o.get().repository());
        Optional<PkgRepository.Catalogue> updated = update(repo);
        if (updated.isEmpty()) {
            return EPKG_FATAL;
        }
        PkgRepository.Catalogue catalogue = updated.get();
        Map<String, String> installed = installed();
        List<PkgRepository.Entry> jobs = new ArrayList<>();
        installed.forEach((name, version) -> catalogue.find(name)
                .filter(e -> !e.version().equals(version)).ifPresent(jobs::add));
        int n = installed.size();
        inv.out(PkgProgress.line("Checking for upgrades (" + n + " candidates)", PkgProgress.candidates(n, n)));
        // pkg_jobs.c ticks once per request_add entry: taken to be the packages the catalogue has another
        // version of [UNVERIFIED: which candidates pkg_jobs_process_remote_pkg adds to request_add].
        inv.out(PkgProgress.line("Processing candidates (" + n + " candidates)", PkgProgress.candidates(jobs.size(), n)));
        if (jobs.isEmpty()) {
            inv.out("Checking integrity... done (0 conflicting)");
            inv.out("Your packages are up to date.");
            return 0;
        }
        inv.out("The following " + jobs.size() + " package(s) will be affected (of 0 checked):");
        inv.out("");
        inv.out("Installed packages to be UPGRADED:");
        jobs.forEach(e -> inv.out("\t" + e.name() + ": " + installed.get(e.name()) + " -> " + e.version() + " [" + repo.name() + "]"));
        inv.out("");
        inv.out("Number of packages to be upgraded: " + jobs.size());
        if (!confirmed(o.get())) {
            return 1;
        }
        apply(repo, jobs, installed, "Upgrading", " from ");
        return 0;
    }

    /** The repository's catalogue after its update; empty when it could not be updated (EPKG_FATAL). */
    private Optional<PkgRepository.Catalogue> update(PkgRepository.Definition repo) throws IOException {
        try {
            return Optional.of(PkgRepository.update(inv, fs, root, repo));
        } catch (PkgRepository.UpdateFailed e) {
            return Optional.empty();
        }
    }

    private void apply(PkgRepository.Definition repo, List<PkgRepository.Entry> jobs, Map<String, String> installed,
                       String verb, String from) throws IOException {
        int n = jobs.size();
        fs.mkdirs(root + "/var/cache/pkg");
        for (int i = 0; i < n; i++) {
            PkgRepository.Entry e = jobs.get(i);
            byte[] body = PkgRepository.get(inv, repo.url() + "/" + e.path()).orElseThrow(() ->
                    new SimUnsupportedException("pkg: a package the catalogue lists that its repository does not serve"));
            inv.out(PkgProgress.line("[" + (i + 1) + "/" + n + "] Fetching " + e.name() + "-" + e.version(),
                    PkgProgress.fetch(body.length)));
            if (!sha256(body).equals(e.sha256())) {
                throw new SimUnsupportedException("pkg: a package whose checksum is not the catalogue's (" + e.path() + ")");
            }
            fs.write(cached(e), body, 0644);
        }
        inv.out("Checking integrity... done (0 conflicting)");
        for (int i = 0; i < n; i++) {
            PkgRepository.Entry e = jobs.get(i);
            String tag = "[" + (i + 1) + "/" + n + "] ";
            inv.out(tag + (from.isEmpty() ? verb + " " + e.name() + "-" + e.version() + "..."
                    : verb + " " + e.name() + from + installed.get(e.name()) + " to " + e.version() + "..."));
            List<long[]> ticks = PkgProgress.extraction(fs.read(cached(e)));
            if (ticks != null) {
                inv.out(PkgProgress.line(tag + "Extracting " + e.name() + "-" + e.version(), ticks));
            }
            extract(cached(e));
            installed.put(e.name(), e.version());
        }
        StringBuilder db = new StringBuilder();
        installed.forEach((name, version) -> db.append(name).append('\t').append(version).append('\t')
                .append(repo.name()).append('\n'));
        fs.mkdirs(root + "/var/db/pkg");
        fs.writeText(root + INSTALLED, db.toString());
    }

    private static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String cached(PkgRepository.Entry e) {
        return root + "/var/cache/pkg/" + e.name() + "-" + e.version() + ".pkg";
    }

    /** The package's files into the root, as bsdtar -xpf PKG -C ROOT --unlink would put them. */
    private void extract(String pkg) throws IOException {
        List<String> argv = List.of("-xpf", pkg, "-C", root, "--unlink");
        Output quiet = new Output();
        try {
            TarOptions o = TarOptions.parse(argv, "tar", quiet::errln);
            int rc = new TarExtraction(new Invocation("tar", argv, inv.ctx(), quiet, null, "/"), "tar", o).go();
            if (rc != 0) {
                throw new SimUnsupportedException("pkg: extracting " + pkg + " failed: " + quiet.stderr().strip());
            }
        } catch (TarFatal f) {
            throw new SimUnsupportedException("pkg: extracting " + pkg + " failed: " + f.getMessage());
        }
    }

    private void closure(PkgRepository.Catalogue catalogue, String name, List<PkgRepository.Entry> out) {
        PkgRepository.Entry e = catalogue.find(name).orElseThrow(() -> new SimUnsupportedException(
                "pkg: a dependency (" + name + ") the catalogue does not have"));
        if (out.contains(e)) {
            return;
        }
        e.deps().forEach(d -> closure(catalogue, d, out));
        out.add(e);
    }

    private Map<String, String> installed() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (fs.isRegularFile(root + INSTALLED)) {
            fs.readText(root + INSTALLED).lines().filter(l -> !l.isBlank()).map(l -> l.split("\t"))
                    .forEach(f -> out.put(f[0], f[1]));
        }
        return out;
    }

    private boolean confirmed(Options o) {
        if (o.yes() || globals.yes("ASSUME_ALWAYS_YES")) {
            return true;
        }
        String prompt = "\nProceed with this action? [y/N]: ";
        inv.out().out(prompt);
        for (String line : new String(inv.stdin(), StandardCharsets.UTF_8).split("(?<=\n)")) {
            // getline keeps the newline: an unterminated last line ("y" at end of input) matches no answer.
            String a = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line + "\0";
            if (a.equals("y") || a.equals("Y") || a.equalsIgnoreCase("yes")) {
                return true;
            }
            if (a.equals("n") || a.equals("N") || a.equalsIgnoreCase("no")) {
                return false;
            }
            if (a.isEmpty()) {
                return false; // an empty line is the default, no
            }
            inv.out("Please type 'Y[es]' or 'N[o]' to make a selection");
            inv.out().out(prompt);
        }
        return false;
    }

    private PkgRepository.Definition repository(String name) {
        if (name == null) {
            throw new SimUnsupportedException("pkg without -r/--repository (choosing among the enabled repositories)");
        }
        return repos.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
                new SimUnsupportedException("pkg -r " + name + " naming no repository of --repo-conf-dir"));
    }

    /** The command's getopt_long: -y/--yes, -r/--repository; {@code unsupported} letters throw; others are usage. */
    private Optional<Options> options(List<String> args, String unsupported, Runnable usage) {
        boolean yes = false;
        String repository = null;
        int i = 0;
        for (; i < args.size(); i++) {
            String w = args.get(i);
            if (!w.startsWith("-") || w.equals("-")) {
                break;
            }
            if (w.equals("--")) {
                i++;
                break;
            }
            if (w.equals("--yes") || w.equals("-y")) {
                yes = true;
            } else if (w.equals("--repository") || w.equals("-r")) {
                if (i + 1 >= args.size()) {
                    usage.run();
                    return Optional.empty();
                }
                repository = args.get(++i);
            } else if (w.startsWith("--repository=")) {
                repository = w.substring("--repository=".length());
            } else if (w.length() == 2 && unsupported.indexOf(w.charAt(1)) >= 0 || w.startsWith("--")) {
                throw new SimUnsupportedException("pkg option " + w);
            } else {
                usage.run();
                return Optional.empty();
            }
        }
        return Optional.of(new Options(yes, repository, args.subList(i, args.size())));
    }
}
