package dev.jailspec.freebsd;

import java.util.Objects;

/**
 * A change in a FreeBSD release that touches the procedure (the commands jailspec runs or the
 * host it expects), with the release it first appears in and its source. A release behaves as
 * {@code since} and every later release does ({@link FreebsdRelease#has}).
 *
 * <p>Sources: the release notes in freebsd/freebsd-doc ({@code website/content/en/releases/<N>R/relnotes.adoc},
 * read in a rendered copy of the 15.0 notes), and the users' transcripts named where the notes say nothing.
 */
public enum ReleaseChange {
    /**
     * ifconfig refuses an IPv4 address without a netmask or prefix length. 14.x warns and takes
     * the classful mask (sbin/ifconfig/af_inet.c {@code warn_nomask}, {@code in_setdefaultmask_nl}).
     */
    IFCONFIG_REQUIRES_NETMASK("15.0-RELEASE",
            "ifconfig refuses an IPv4 address without a netmask (14.x warned and took the classful mask)",
            "[UNVERIFIED: not in the 15.0 release notes and af_inet.c at releng/15.0 was not readable] the text"
                    + " \"setting interface address without mask is no longer supported\" from two 15.0 hosts"
                    + " (BastilleBSD/bastille#1361; a 15.0 upgrade log quoting service wireguard start); the 14.x"
                    + " warning from sbin/ifconfig/af_inet.c warn_nomask [UNVERIFIED: read in an unpinned copy]",
            false),
    /**
     * if_bridge refuses an IP address on a member interface, and a member with an address, unless
     * {@code net.link.bridge.member_ifaddrs=1}.
     */
    BRIDGE_MEMBER_NO_ADDRESSES("15.0-RELEASE",
            "if_bridge refuses IP addresses on member interfaces unless net.link.bridge.member_ifaddrs=1"
                    + " (to be removed in 16.0): addm of an interface with an address and an address on a member"
                    + " both fail with EINVAL",
            "15.0R relnotes, General Network (src b61850c4e6f6); bridge(4) (EINVAL \"Invalid argument\");"
                    + " tests/sys/net/if_bridge_test.sh member_ifaddrs_disabled (exit 1 in both cases)",
            true),
    /** jail(8) gains {@code zfs.dataset}; rc.d/jail reads {@code jail_<name>_zfs_dataset}. Not used by jailspec. */
    JAIL_ZFS_DATASET("15.0-RELEASE",
            "jail(8) has a zfs.dataset parameter and rc.d/jail a jail_<name>_zfs_dataset variable (jailspec uses"
                    + " neither)",
            "15.0R relnotes, Userland Application Changes (src e0dfe185cbca, 0b49e504a32d)", true),
    /** jail(8) gains {@code meta} and {@code env}. Not used by jailspec. */
    JAIL_META_ENV("15.0-RELEASE",
            "jail(8) has meta and env parameters (arbitrary strings; jailspec uses neither)",
            "15.0R relnotes, Userland Application Changes (src 30e6e008bc06)", true),
    /** The FreeBSD-base pkg repository is defined, disabled, in /etc/pkg/FreeBSD.conf (pkgbase templates). */
    PKGBASE_REPOSITORY("15.0-RELEASE",
            "the FreeBSD-base pkg repository is defined, disabled by default, in /etc/pkg/FreeBSD.conf: the base"
                    + " system can be installed with pkg (pkgbase; jailspec.freebsd.template=pkgbase builds the template"
                    + " so, with jailspec's own repository file); distribution sets and freebsd-update remain",
            "15.0R relnotes, Userland Configuration Changes (src 5d832135a971); usr.sbin/pkg/FreeBSD.conf.quarterly-release"
                    + " (FreeBSD-base: url pkg+https://pkg.FreeBSD.org/${ABI}/base_release_${VERSION_MINOR}, fingerprints"
                    + " /usr/share/keys/pkgbase-${VERSION_MAJOR}, enabled: no; freebsd-src commit 0dcfecbf4757, and the same block"
                    + " quoted from a 15.0 host's /etc/pkg/FreeBSD.conf in freebsd/pkg#2565)", true),
    /** A jail.conf parameter for bhyve PCI passthrough; touches nothing jailspec sets. */
    JAIL_ALLOW_VMM_PPT("15.1-RELEASE",
            "jail.conf gains allow.vmm_ppt (bhyve PCI passthrough; jailspec does not set it)",
            "15.1R relnotes, Virtualization Support (src 94066f9a07ad)", true);

    private final String since;
    private final String summary;
    private final String source;
    private final boolean verified;

    ReleaseChange(String since, String summary, String source, boolean verified) {
        this.since = Objects.requireNonNull(since);
        this.summary = summary;
        this.source = source;
        this.verified = verified;
    }

    /** The first release with the change. */
    public ReleaseVersion since() {
        return ReleaseVersion.parse(since);
    }

    public String summary() {
        return summary;
    }

    public String source() {
        return source;
    }

    /** False when the change or its text was taken from users' transcripts only. */
    public boolean verified() {
        return verified;
    }
}
