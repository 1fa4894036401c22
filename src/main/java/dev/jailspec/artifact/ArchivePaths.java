package dev.jailspec.artifact;

import java.util.ArrayDeque;
import java.util.Deque;

/** Lexical path rules for archive member names: nothing here touches a file system. */
final class ArchivePaths {
    private ArchivePaths() {
    }

    /**
     * The member name as a tree path: leading {@code ./} stripped (repeatedly), trailing and
     * doubled slashes and {@code .} components dropped; the root ({@code ./}) becomes "".
     * A leading "/" and ".." components are kept so they can be flagged.
     */
    static String normalize(String raw) {
        boolean absolute = raw.startsWith("/");
        StringBuilder sb = new StringBuilder(raw.length());
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return absolute ? "/" + sb : sb.toString();
    }

    static boolean isAbsolute(String normalized) {
        return normalized.startsWith("/");
    }

    static boolean hasParentComponent(String normalized) {
        for (String part : normalized.split("/")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** "" for a top-level name. */
    static String parent(String normalized) {
        int slash = normalized.lastIndexOf('/');
        return slash < 0 ? "" : normalized.substring(0, slash);
    }

    static String baseName(String normalized) {
        int slash = normalized.lastIndexOf('/');
        return slash < 0 ? normalized : normalized.substring(slash + 1);
    }

    static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    /**
     * Where a symlink at {@code linkPath} with {@code target} points, relative to the archive
     * root. An absolute target counts from the root (as it would inside the jail). Returns
     * {@code null} when a relative target climbs above the root.
     */
    static String resolveSymlink(String linkPath, String target) {
        Deque<String> parts = new ArrayDeque<>();
        if (!target.startsWith("/")) {
            for (String p : parent(linkPath).split("/")) {
                if (!p.isEmpty()) {
                    parts.addLast(p);
                }
            }
        }
        for (String p : target.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    if (target.startsWith("/")) {
                        continue; // "/.." is "/" inside the jail
                    }
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }
}
