package dev.jailspec.linux;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one Linux distribution's userland is to the procedure, behind one interface chosen by
 * {@code jailspec.linux.distribution} ({@link LinuxDistributions}): where its container image and
 * checksum listing are, how its files and package manager are named, its releases (a sourced
 * catalogue) and its add-on repositories. A second distribution is a new implementation plus its
 * simulator fixtures; the procedure, the steps and the reports only see this interface.
 */
public interface LinuxDistribution {
    /** The value of jailspec.linux.distribution, and the directory under /compat, e.g. "rocky". */
    String name();

    /** For people: "Rocky Linux". */
    String displayName();

    /** Where the userland lives inside the jail: {@code /compat/<name>} (the Handbook's convention). */
    default String compatDir() {
        return "/compat/" + name();
    }

    /** The {@code ID} of its os-release(5). */
    String osReleaseId();

    /**
     * The container image and its checksum listing: {@code image} and {@code checksum} are URLs or
     * file names in the release's image directory on {@code mirror}; empty means the published
     * default (a moving alias of the newest image, and the directory's listing).
     */
    ImageSource imageSource(String mirror, String release, String image, String checksum);

    /** Files a complete userland has (absolute inside it); the first one says the userland is installed. */
    List<String> requiredFiles();

    /**
     * Programs an image's root file system must have, relative to it ({@code usr/bin/dnf}): the procedure
     * runs them. An image without one is refused before anything is extracted (artifact.RootfsValidator).
     */
    List<String> requiredPrograms();

    /**
     * What follows "IMAGE has no PROGRAM" when an image lacks {@link #requiredPrograms()}: the likely
     * reason and the image to use instead; {@code imageHas} tells which paths the image has.
     */
    String withoutProgramsAdvice(String image, Predicate<String> imageHas);

    /** The package manager's program names, whose commands get the package manager's timeout and report. */
    Set<String> packageManagers();

    /** Its subcommands that only print state. */
    Set<String> packageManagerReads();

    /** The catalogue entry of {@code release} (a major, e.g. "10"); unknown releases are refused naming the known. */
    LinuxRelease release(String release);

    /** The majors the catalogue knows, oldest first. */
    List<String> releases();

    /** The release package of an add-on repository for {@code major}, e.g. EPEL or RPM Fusion free. */
    URI addOnReleasePackage(AddOn addOn, String major);

    /** Third-party repositories the optional feature adds, each by its release package. */
    enum AddOn {
        EPEL, RPM_FUSION_FREE, RPM_FUSION_NONFREE
    }
}
