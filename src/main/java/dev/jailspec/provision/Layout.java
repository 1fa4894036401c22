package dev.jailspec.provision;

import dev.jailspec.config.Settings;
import dev.jailspec.config.TemplateKind;
import dev.jailspec.linux.LinuxDistributions;

/**
 * Every name and path the procedure uses, derived from the settings in one place, so a new
 * release or pool is a setting and never a literal in code.
 *
 * <p>The tree is the how-to's: {@code <root>/media} holds downloads, {@code <root>/templates}
 * the release templates, {@code <root>/containers} the jails. A template's dataset is named after
 * its release, and after its kind when that is not the how-to's ({@code templates/15.1-RELEASE} from
 * base.txz, {@code templates/15.1-RELEASE-pkgbase} from packages), so both can be kept and reused.
 */
public record Layout(String zfsRoot, String mountpoint, String release, String jailName, int jailId,
                     String bridge, String jailAddress, String gateway, String linuxRootInJail,
                     TemplateKind templateKind) {

    public static final String BASE_SNAPSHOT = "base";

    /** The names of a jail whose template is built from the release's base.txz. */
    public Layout(String zfsRoot, String mountpoint, String release, String jailName, int jailId,
                  String bridge, String jailAddress, String gateway, String linuxRootInJail) {
        this(zfsRoot, mountpoint, release, jailName, jailId, bridge, jailAddress, gateway, linuxRootInJail,
                TemplateKind.DIST);
    }

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
                s.bridge(), s.jailAddress(), s.jailGateway(), LinuxUserland.distribution(s).compatDir(), s.templateKind());
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
        return dataset("templates/" + templateName());
    }

    public String templatePath() {
        return path("templates/" + templateName());
    }

    /** {@code 15.1-RELEASE}, or {@code 15.1-RELEASE-pkgbase} for a template built from packages. */
    private String templateName() {
        return templateKind == TemplateKind.DIST ? release : release + "-" + templateKind.word();
    }

    public String templateSnapshot() {
        return templateDataset() + "@" + BASE_SNAPSHOT;
    }

    public String baseArchivePath() {
        return path("media/" + release + "-base.txz");
    }

    /** jailspec's own pkg repository directory of a pkgbase template (the host's /etc/pkg stays as it is). */
    public String pkgRepoConfDir() {
        return path("media/" + release + "-pkgbase-repos");
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
