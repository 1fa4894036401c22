package dev.jailspec.sim;

import dev.jailspec.sim.DnfRepoFiles.Repo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulated repositories and the simulated web offer: a few updates (curl, libcurl,
 * tzdata), dnf-plugins-core and epel-release in the repositories, the two RPM Fusion release
 * RPMs on the web, with fixed sizes. Which of them an install or update may take depends on the
 * repositories enabled in the tree and the packages installed there. [UNVERIFIED: the packages, versions
 * and sizes are the simulator's own choice, not read from Rocky 9's repositories;
 * RealDnfDifferentialTest builds real RPMs of them, so dnf's answers to them are checked.]
 */
final class DnfPackageUniverse {
    /** A package of the simulated repositories. */
    record Pkg(String name, String evr, String arch, String repo, String size, List<String> provides, List<String> requires) {
        String nevra() {
            return name + "-" + evr + "." + arch;
        }
    }

    /** The simulated repositories' packages, of EL 9. */
    static final List<Pkg> AVAILABLE = packages("7.76.1-31.el9_6.1", "2025c-1.el9", "4.3.0-20.el9", "9-10.el9",
            "294 k", "283 k", "840 k", " 36 k", "264 k", " 18 k");

    /**
     * EL 10's: dnf-plugins-core 4.7.0 (Oracle Linux 10 release notes: "dnf-plugins-core Released at
     * Version 4.7.0") [UNVERIFIED: the other versions, releases and sizes are the simulator's].
     */
    static final List<Pkg> AVAILABLE_10 = packages("8.12.1-2.el10_1.1", "2025c-1.el10", "4.7.0-8.el10", "10-5.el10_1",
            "320 k", "417 k", "433 k", " 39 k", "315 k", " 19 k");

    /** The same packages of one major: an update of curl, libcurl and tzdata, dnf-plugins-core and epel-release. */
    private static List<Pkg> packages(String curl, String tzdata, String plugins, String epel, String... sizes) {
        return List.of(
                new Pkg("curl", curl, "x86_64", "baseos", sizes[0], List.of(), List.of()),
                new Pkg("libcurl", curl, "x86_64", "baseos", sizes[1], List.of(), List.of()),
                new Pkg("tzdata", tzdata, "noarch", "baseos", sizes[2], List.of(), List.of()),
                new Pkg("dnf-plugins-core", plugins, "noarch", "baseos", sizes[3],
                        List.of("dnf-command(config-manager)", "dnf-command(copr)", "dnf-command(builddep)"),
                        List.of("python3-dnf-plugins-core")),
                new Pkg("python3-dnf-plugins-core", plugins, "noarch", "baseos", sizes[4], List.of(), List.of()),
                new Pkg("epel-release", epel, "noarch", "extras", sizes[5], List.of(), List.of()));
    }

    /** The repositories' packages for the EL major of the tree (os-release's VERSION_ID). */
    static List<Pkg> available(String major) {
        return major.equals("10") ? AVAILABLE_10 : AVAILABLE;
    }

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

    static final String REMOTE_ADDRESS = "192.0.2.15";

    private DnfPackageUniverse() {
    }

    static List<Pkg> reachable(List<Repo> repos, String major) {
        List<String> ids = DnfRepoFiles.enabled(repos).stream().map(r -> r.id).toList();
        return available(major).stream().filter(p -> ids.contains(p.repo())).toList();
    }

    /** Installed package name -> the newer package the enabled repositories offer. */
    static List<Pkg> updates(Invocation inv, List<Repo> repos) throws IOException {
        List<Pkg> out = new ArrayList<>();
        List<String> installed = LinuxUserland.packages(inv.fs());
        for (Pkg p : reachable(repos, DnfRepoFiles.releasever(inv))) {
            for (String nevra : installed) {
                if (LinuxUserland.nameOf(nevra).equals(p.name()) && !nevra.equals(p.nevra())) {
                    out.add(p);
                }
            }
        }
        return out;
    }
}
