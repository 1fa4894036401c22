package dev.jailspec.linux;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Linux kernel version as {@code uname -r} (and FreeBSD's {@code compat.linux.osrelease}) shows
 * it, "5.15.0", compared by its numbers: what a C library built with {@code --enable-kernel=3.2}
 * accepts is any kernel of 3.2.0 or later.
 */
public record KernelVersion(int major, int minor, int patch) implements Comparable<KernelVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})(?:\\.(\\d{1,4}))?.*");

    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** "5.15.0", "3.2" or "6.12.0-55.el10" (the part after the numbers is ignored). */
    public static KernelVersion parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a Linux kernel version: '" + text + "' (expected e.g. 5.15.0)");
        }
        return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    @Override
    public int compareTo(KernelVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    public boolean isAtLeast(KernelVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
