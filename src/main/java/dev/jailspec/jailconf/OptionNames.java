package dev.jailspec.jailconf;

/** Parameter-name rules of config.c: the {@code no} prefix of boolean options. */
final class OptionNames {

    private OptionNames() {
    }

    /**
     * config.c equalopts(): equal, or equal but for a {@code no} prefix on the last component
     * ({@code allow.mount} and {@code allow.nomount} name the same parameter).
     */
    static boolean sameOption(String opt1, String opt2) {
        if (opt1.equals(opt2) || negationOf(opt1, opt2) || negationOf(opt2, opt1)) {
            return true;
        }
        String a = opt1;
        String b = opt2;
        int dot;
        while ((dot = a.indexOf('.')) >= 0 && b.startsWith(a.substring(0, dot + 1))) {
            b = b.substring(dot + 1);
            a = a.substring(dot + 1);
            if (negationOf(a, b) || negationOf(b, a)) {
                return true;
            }
        }
        return false;
    }

    /** True when the last component starts with {@code no}, as config.c bool_param() checks it. */
    static boolean isNegated(String name) {
        int dot = name.lastIndexOf('.');
        return name.startsWith("no", dot + 1);
    }

    private static boolean negationOf(String maybeNegated, String positive) {
        return maybeNegated.startsWith("no") && maybeNegated.substring(2).equals(positive);
    }
}
