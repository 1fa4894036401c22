package dev.jailspec.sim;

import java.util.Optional;

/**
 * Dataset name rules of zfs_namecheck.c: components of letters, digits and {@code _-.: } (and
 * space), separated by single slashes, at most one {@code @} (snapshots only); the texts are
 * zfs_validate_name()'s (lib/libzfs/libzfs_dataset.c) and entity_namecheck()'s
 * (module/zcommon/zfs_namecheck.c), both read at zfs-2.2.7.
 */
final class ZfsNames {
    private ZfsNames() {
    }

    /** Why {@code name} is not a valid file system name, or empty if it is. */
    static Optional<String> filesystemProblem(String name) {
        if (name.contains("@")) {
            return Optional.of("snapshot delimiter '@' is not expected here");
        }
        if (name.contains("#")) {
            return Optional.of("bookmark delimiter '#' is not expected here");
        }
        return pathProblem(name);
    }

    /** Why {@code name} is not a valid snapshot name, or empty if it is. */
    static Optional<String> snapshotProblem(String name) {
        int at = name.indexOf('@');
        if (at < 0) {
            return Optional.of("missing '@' delimiter in snapshot name");
        }
        if (name.indexOf('@', at + 1) >= 0) {
            return Optional.of("multiple '@' and/or '#' delimiters in name");
        }
        Optional<String> base = pathProblem(name.substring(0, at));
        if (base.isPresent()) {
            return base;
        }
        String snap = name.substring(at + 1);
        if (snap.isEmpty()) {
            return Optional.of("empty component or misplaced '@' or '#' delimiter in name");
        }
        return badCharacter(snap);
    }

    private static Optional<String> pathProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("empty component or misplaced '@' or '#' delimiter in name");
        }
        if (name.startsWith("/")) {
            return Optional.of("leading slash in name");
        }
        if (name.endsWith("/")) {
            return Optional.of("trailing slash in name");
        }
        for (String component : name.split("/", -1)) {
            if (component.isEmpty()) {
                return Optional.of("empty component or misplaced '@' or '#' delimiter in name");
            }
            if (component.equals(".")) {
                return Optional.of("self reference, '.' is found in name");
            }
            if (component.equals("..")) {
                return Optional.of("parent reference, '..' is found in name");
            }
            Optional<String> bad = badCharacter(component);
            if (bad.isPresent()) {
                return bad;
            }
        }
        // No rule on the first letter here: pool_namecheck()'s NOLETTER is for pool names; a dataset
        // under "1pool" passes and then fails on the pool ("no such pool").
        return Optional.empty();
    }

    private static Optional<String> badCharacter(String component) {
        for (char c : component.toCharArray()) {
            if (!(Character.isLetterOrDigit(c) && c < 128) && "_-.: ".indexOf(c) < 0) {
                return Optional.of("invalid character '" + c + "' in name");
            }
        }
        return Optional.empty();
    }

    /** The file system part of a snapshot name ({@code a/b@s} gives {@code a/b}). */
    static String filesystemOf(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    static String pool(String name) {
        return name.split("[/@]", 2)[0];
    }

    static String parent(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? null : name.substring(0, slash);
    }
}
