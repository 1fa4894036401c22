package dev.jailspec.provision;

import java.util.Map;

/**
 * The mark jailspec puts on what it creates, so teardown and the reaper only ever remove their
 * own objects: ZFS user properties on datasets and snapshots ({@value #OWNER}={@value #OWNER_VALUE},
 * {@value #RUN}=&lt;run id&gt;), {@link JailConfTemplate#MARK} as the first line of the files it
 * writes, and the description {@code jail:<name>} on the jail's epair.
 *
 * <p>Only a <em>locally</em> set property counts: user properties are inherited, so a dataset
 * someone else creates below a marked one shows the mark as "inherited from ..." and is not ours.
 *
 * <p>{@value #KEEP} says a marked object is meant to outlive the run: the dataset tree
 * ({@code keep=tree}), the complete release template with its {@code @base} snapshot
 * ({@code keep=template}) and the Linux template ({@code keep=linux-template}, with
 * {@value #LINUX_IMAGE} and {@value #LINUX_RECIPE} saying what it was built from). Teardown and the
 * reaper leave those alone.
 */
public record Marks(String runId) {
    public static final String OWNER = "jailspec:owner";
    public static final String RUN = "jailspec:run";
    public static final String KEEP = "jailspec:keep";
    public static final String OWNER_VALUE = "jailspec";
    public static final String KEEP_TREE = "tree";
    public static final String KEEP_TEMPLATE = "template";
    /** The kept Linux template's {@value #KEEP}: its {@code @base} is what the Linux jails clone. */
    public static final String KEEP_LINUX_TEMPLATE = "linux-template";
    /** On the Linux template: the sha256 of the image it was extracted from. */
    public static final String LINUX_IMAGE = "jailspec:linux-image";
    /** On the Linux template: what else decided its tree ({@link LinuxImageExtraction#RECIPE}). */
    public static final String LINUX_RECIPE = "jailspec:linux-recipe";

    public Map<String, String> zfsProperties() {
        return Map.of(OWNER, OWNER_VALUE, RUN, runId);
    }

    /** The mark of something meant to stay between runs, e.g. {@code keep=tree}. */
    public Map<String, String> keptZfsProperties(String keep) {
        return Map.of(OWNER, OWNER_VALUE, RUN, runId, KEEP, keep);
    }

    /** The description jail.conf's exec.prestart gives the epair's host side: {@code jail:<name>}. */
    public static String epairDescription(String jailName) {
        return EPAIR_DESCRIPTION_PREFIX + jailName;
    }

    /** The jail an epair's description names, if it is jailspec's mark {@code jail:<name>}. */
    public static java.util.Optional<String> jailOfEpair(java.util.Optional<String> description) {
        return description.filter(d -> d.startsWith(EPAIR_DESCRIPTION_PREFIX))
                .map(d -> d.substring(EPAIR_DESCRIPTION_PREFIX.length()));
    }

    // Package-visible: JailConfTemplate writes the mark with jail.conf's ${name} for the name.
    static final String EPAIR_DESCRIPTION_PREFIX = "jail:";
}
