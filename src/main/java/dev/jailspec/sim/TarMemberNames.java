package dev.jailspec.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What bsdtar does with a member's name before it writes anything: whether an operand selects it
 * (archive_match), the leading '/' it strips with one warning (strip_absolute_path() of
 * tar/util.c), and whether a name or link target climbs with {@code ..}. Split from
 * {@link TarExtraction}, which writes the members to the tree.
 */
final class TarMemberNames {
    private final List<String> patterns;
    private final boolean[] matched;
    private final Consumer<String> warn;
    private boolean warnedLeadSlash;

    TarMemberNames(List<String> patterns, Consumer<String> warn) {
        this.patterns = List.copyOf(patterns);
        this.matched = new boolean[patterns.size()];
        this.warn = warn;
    }

    /** The operands that selected no member, in the order given. */
    List<String> unmatchedPatterns() {
        var out = new ArrayList<String>();
        for (int i = 0; i < matched.length; i++) {
            if (!matched[i]) {
                out.add(patterns.get(i));
            }
        }
        return out;
    }

    /** archive_match: an operand selects a member of that name or below it. */
    boolean selected(String memberName) {
        if (patterns.isEmpty()) {
            return true;
        }
        String m = trimSlashes(memberName);
        boolean any = false;
        for (int i = 0; i < patterns.size(); i++) {
            String p = trimSlashes(patterns.get(i));
            if (m.equals(p) || m.startsWith(p + "/")) {
                matched[i] = true;
                any = true;
            }
        }
        return any;
    }

    private static String trimSlashes(String s) {
        String t = s;
        while (t.startsWith("./")) {
            t = t.substring(2);
        }
        while (t.endsWith("/") && t.length() > 1) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** strip_absolute_path() of tar/util.c: leading "/", "/./" and "/../" go, with one warning. */
    String stripAbsolute(String p) {
        String s = p;
        while (s.startsWith("/")) {
            if (s.startsWith("/../")) {
                s = s.substring(3);
            } else if (s.startsWith("/./")) {
                s = s.substring(2);
            } else {
                s = s.substring(1);
            }
            if (!warnedLeadSlash) {
                warn.accept("Removing leading '/' from member names");
                warnedLeadSlash = true;
            }
        }
        return s;
    }

    static boolean hasDotDot(String path) {
        for (String c : path.split("/")) {
            if (c.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
