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

    static final String REMOTE_ADDRESS = "192.0.2.15";

    private DnfPackageUniverse() {
    }

    static List<Pkg> reachable(List<Repo> repos) {
        List<String> ids = DnfRepoFiles.enabled(repos).stream().map(r -> r.id).toList();
        return AVAILABLE.stream().filter(p -> ids.contains(p.repo())).toList();
    }

    /** Installed package name -> the newer package the enabled repositories offer. */
    static List<Pkg> updates(Invocation inv, List<Repo> repos) throws IOException {
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
}
