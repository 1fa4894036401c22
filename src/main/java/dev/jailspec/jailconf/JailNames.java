package dev.jailspec.jailconf;

/** Jail-name rules of config.c: hierarchical names and wildcards. */
final class JailNames {

    private JailNames() {
    }

    /** jailparse.y: a block nested in {@code parent} is the jail {@code parent.name}. */
    static String qualify(String parent, String name) {
        return parent == null ? name : parent + "." + name;
    }

    /** config.c wild_jail_name(): a {@code *} that is a whole dot-separated component. */
    static boolean isWildcard(String name) {
        for (int i = name.indexOf('*'); i >= 0; i = name.indexOf('*', i + 1)) {
            boolean starts = i == 0 || name.charAt(i - 1) == '.';
            boolean ends = i + 1 == name.length() || name.charAt(i + 1) == '.';
            if (starts && ends) {
                return true;
            }
        }
        return false;
    }

    /**
     * config.c wild_jail_match(): a non-final {@code *} component matches one jail component, a
     * final {@code *} matches one or more.
     */
    static boolean wildcardMatches(String jailName, String wildName) {
        int jc = 0;
        int wc = 0;
        while (true) {
            int jd = jailName.indexOf('.', jc);
            int wd = wildName.indexOf('.', wc);
            if (jd < 0 || wd < 0) {
                break;
            }
            String jailComponent = jailName.substring(jc, jd + 1);
            boolean same = wildName.startsWith(jailComponent, wc);
            if (!same && !wildName.startsWith("*.", wc)) {
                return false;
            }
            jc = jd + 1;
            wc = wd + 1;
        }
        return jailName.substring(jc).equals(wildName.substring(wc)) || wildName.substring(wc).equals("*");
    }
}
