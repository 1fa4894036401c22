package dev.jailspec.freebsd;

import java.util.regex.Pattern;

/**
 * Checks ZFS dataset, snapshot and property names before a zfs command is built, so a bad name
 * fails with a message saying what is wrong instead of reaching the host.
 *
 * <p>Rules: the user-property rules are freebsd-facts 1.4 (zfsprops(7)); the dataset rules follow
 * zfs(8) "Naming" and are not in the facts file. This harness is a little stricter than ZFS,
 * which also allows spaces in names:
 * <ul>
 *   <li>dataset: {@code pool/child/...}, components of {@code [A-Za-z0-9_.:-]}, no empty component,
 *       no {@code .} or {@code ..} component, the pool starts with a letter, at most 255 characters;</li>
 *   <li>snapshot: a dataset name, exactly one {@code @}, then a non-empty component;</li>
 *   <li>user property: contains a colon, only {@code [a-z0-9:._-]}, not starting with {@code -},
 *       at most 256 characters;</li>
 *   <li>native property: lowercase letters, digits and {@code _}, optionally {@code @who}
 *       ({@code userquota@alice}).</li>
 * </ul>
 */
public final class ZfsNames {
    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final Pattern USER_PROPERTY = Pattern.compile("[a-z0-9:._-]+");
    private static final Pattern NATIVE_PROPERTY = Pattern.compile("[a-z][a-z0-9_]*(@[A-Za-z0-9_.:-]+)?");
    private static final int MAX_NAME = 255;
    private static final int MAX_USER_PROPERTY = 256;

    private ZfsNames() {
    }

    /** Returns {@code name} if it is a valid file system or volume name. */
    public static String requireDataset(String name) {
        String problem = datasetProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("invalid ZFS dataset name '" + name + "': " + problem);
        }
        return name;
    }

    /** Returns {@code name} if it is a valid {@code dataset@snapshot} name. */
    public static String requireSnapshot(String name) {
        String problem = snapshotProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("invalid ZFS snapshot name '" + name + "': " + problem);
        }
        return name;
    }

    /** Returns {@code name} if it is a valid dataset or snapshot name. */
    public static String requireDatasetOrSnapshot(String name) {
        return name != null && name.indexOf('@') >= 0 ? requireSnapshot(name) : requireDataset(name);
    }

    /** Returns {@code name} if it is a valid native or user property name. */
    public static String requireProperty(String name) {
        String problem = propertyProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("invalid ZFS property name '" + name + "': " + problem);
        }
        return name;
    }

    public static boolean isUserProperty(String name) {
        return name.indexOf(':') >= 0;
    }

    private static String datasetProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "name is empty";
        }
        if (name.length() > MAX_NAME) {
            return "longer than " + MAX_NAME + " characters";
        }
        if (name.indexOf('@') >= 0) {
            return "'@' belongs in snapshot names only";
        }
        if (name.indexOf('#') >= 0) {
            return "'#' belongs in bookmark names only";
        }
        if (name.startsWith("/") || name.endsWith("/")) {
            return "leading or trailing '/' (no empty component allowed)";
        }
        String[] components = name.split("/", -1);
        for (String c : components) {
            if (c.isEmpty()) {
                return "empty component ('//')";
            }
            if (c.equals(".") || c.equals("..")) {
                return "component '" + c + "' is not allowed";
            }
            if (!COMPONENT.matcher(c).matches()) {
                return "component '" + c + "' has a character outside [A-Za-z0-9_.:-]";
            }
        }
        char first = components[0].charAt(0);
        if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z')) {
            return "the pool name must begin with a letter";
        }
        return null;
    }

    private static String snapshotProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "name is empty";
        }
        int at = name.indexOf('@');
        if (at < 0) {
            return "a snapshot name needs '@'";
        }
        if (name.indexOf('@', at + 1) >= 0) {
            return "more than one '@'";
        }
        if (name.length() > MAX_NAME) {
            return "longer than " + MAX_NAME + " characters";
        }
        String dataset = name.substring(0, at);
        String snap = name.substring(at + 1);
        String problem = datasetProblem(dataset);
        if (problem != null) {
            return "dataset part: " + problem;
        }
        if (snap.isEmpty()) {
            return "empty snapshot name after '@'";
        }
        if (!COMPONENT.matcher(snap).matches()) {
            return "snapshot part '" + snap + "' has a character outside [A-Za-z0-9_.:-]";
        }
        return null;
    }

    private static String propertyProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "name is empty";
        }
        if (isUserProperty(name)) {
            if (name.length() > MAX_USER_PROPERTY) {
                return "user property names are at most " + MAX_USER_PROPERTY + " characters";
            }
            if (name.startsWith("-")) {
                return "user property names cannot begin with '-'";
            }
            if (!USER_PROPERTY.matcher(name).matches()) {
                return "user property names use only lowercase letters, digits, ':', '.', '_' and '-'";
            }
            return null;
        }
        if (!NATIVE_PROPERTY.matcher(name).matches()) {
            return "native property names are lowercase letters, digits and '_' "
                    + "(a user property needs a colon, e.g. com.example:owner)";
        }
        return null;
    }
}
