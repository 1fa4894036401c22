package dev.jailspec.jailconf;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * glob(3) as jail(8) uses it for {@code .include} (no flags but GLOB_NOCHECK): {@code *},
 * {@code ?} and {@code [...]} within one path component, backslash quoting, a leading dot only
 * matched explicitly, and no brace expansion. Components are matched with a {@link PathMatcher}.
 */
final class Glob {

    /** What a glob needs from a file system. */
    interface Directory {
        boolean exists(String absPath);

        /** Names of the entries of a directory; empty if it is not one. */
        List<String> list(String absDir);
    }

    private Glob() {
    }

    /** glob(3)'s GLOB_MAGCHAR: {@code *}, {@code ?}, or {@code [} with a closing {@code ]}, unquoted. */
    static boolean hasMagic(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || (c == '[' && pattern.indexOf(']', i + 2) > 0)) {
                return true;
            }
        }
        return false;
    }

    /** Every existing path matching an absolute pattern, in strcmp order. */
    static List<String> expand(String absPattern, Directory directory) {
        List<String> found = List.of("/");
        for (String component : components(absPattern)) {
            List<String> next = new ArrayList<>();
            for (String base : found) {
                if (!hasMagic(component)) {
                    String candidate = join(base, unquote(component));
                    if (directory.exists(candidate)) {
                        next.add(candidate);
                    }
                    continue;
                }
                for (String name : directory.list(base)) {
                    if (componentMatches(component, name)) {
                        next.add(join(base, name));
                    }
                }
            }
            found = next;
        }
        return found.stream().filter(p -> !p.equals("/") || absPattern.equals("/")).sorted().toList();
    }

    /** Whether a concrete path (no magic) is matched by a pattern, component by component. */
    static boolean matches(String absPattern, String absPath) {
        List<String> pattern = components(absPattern);
        List<String> path = components(absPath);
        if (pattern.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < pattern.size(); i++) {
            if (!componentMatches(pattern.get(i), path.get(i))) {
                return false;
            }
        }
        return true;
    }

    static List<String> components(String absPath) {
        List<String> out = new ArrayList<>();
        for (String component : absPath.split("/")) {
            if (!component.isEmpty()) {
                out.add(component);
            }
        }
        return out;
    }

    static boolean componentMatches(String pattern, String name) {
        if (!hasMagic(pattern)) {
            return unquote(pattern).equals(name);
        }
        // glob(3): a leading period must be matched by a literal period.
        if (name.startsWith(".") && !pattern.startsWith(".")) {
            return false;
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + toPathMatcherSyntax(pattern));
        return matcher.matches(Path.of(name));
    }

    /** PathMatcher knows {@code {a,b}} groups, glob(3) without GLOB_BRACE does not: quote them. */
    private static String toPathMatcherSyntax(String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                out.append('\\').append(pattern.charAt(++i));
            } else if (c == '{' || c == '}' || c == ',' || (c == '[' && pattern.indexOf(']', i + 2) < 0)) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String unquote(String component) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '\\' && i + 1 < component.length()) {
                c = component.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String join(String base, String name) {
        return base.endsWith("/") ? base + name : base + "/" + name;
    }
}
