package dev.jailspec.provision;

import dev.jailspec.config.Settings;
import dev.jailspec.linux.LinuxDistributions;

/**
 * Every name and path the procedure uses, derived from the settings in one place, so a new
 * release or pool is a setting and never a literal in code.
 *
 * <p>The tree is the how-to's: {@code <root>/media} holds downloads, {@code <root>/templates}
 * the release templates, {@code <root>/containers} the jails.
 */
public record Layout(String zfsRoot, String mountpoint, String release, String jailName, int jailId,
                     String bridge, String jailAddress, String gateway, String linuxRootInJail) {

    public static final String BASE_SNAPSHOT = "base";

    /** The names of a jail with the default Linux userland's directory. */
    public Layout(String zfsRoot, String mountpoint, String release, String jailName, int jailId,
                  String bridge, String jailAddress, String gateway) {
        this(zfsRoot, mountpoint, release, jailName, jailId, bridge, jailAddress, gateway,
                LinuxDistributions.defaultDistribution().compatDir());
    }

    /** Names from {@code s}; a release the settings leave empty (sim) is derived first ({@link RunRelease}). */
    public static Layout of(Settings given) {
        Settings s = RunRelease.resolve(given);
        return new Layout(s.zfsRoot(), s.zfsMountpoint(), s.freebsdRelease(), s.jailName(), s.jailId(),
                s.bridge(), s.jailAddress(), s.jailGateway(), LinuxUserland.distribution(s).compatDir());
    }

    public String pool() {
        return zfsRoot.split("/", 2)[0];
    }

    public String dataset(String child) {
        return zfsRoot + "/" + child;
    }

    public String path(String child) {
        return mountpoint.replaceAll("/+$", "") + "/" + child;
    }

    public String mediaDataset() {
        return dataset("media");
    }

    public String templatesDataset() {
        return dataset("templates");
    }

    public String containersDataset() {
        return dataset("containers");
    }

    public String templateDataset() {
        return dataset("templates/" + release);
    }

    public String templatePath() {
        return path("templates/" + release);
    }

    public String templateSnapshot() {
        return templateDataset() + "@" + BASE_SNAPSHOT;
    }

    public String baseArchivePath() {
        return path("media/" + release + "-base.txz");
    }

    public String jailDataset() {
        return dataset("containers/" + jailName);
    }

    public String jailPath() {
        return path("containers/" + jailName);
    }

    /** rc.d/jail reads this file for {@code service jail start NAME} (freebsd-facts 2.3). */
    public String jailConfPath() {
        return "/etc/jail.conf.d/" + jailName + ".conf";
    }

    public String epair() {
        return "epair" + jailId;
    }

    /** The epair side that moves into the jail. */
    public String jailInterface() {
        return epair() + "b";
    }

    public String hostInterface() {
        return epair() + "a";
    }

    /** The jail's address without its prefix length, e.g. 192.168.7.253. */
    public String jailIp() {
        return jailAddress.substring(0, jailAddress.indexOf('/'));
    }

    /** The Linux userland inside the jail, e.g. /compat/rocky ({@code jailspec.linux.distribution}). */
    public String linuxRootInJail() {
        return linuxRootInJail;
    }

    public String linuxRootOnHost() {
        return jailPath() + linuxRootInJail;
    }
}
