package dev.jailspec.linux;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Linux kernel release as {@code uname -r} prints it ({@code 5.15.0}), compared by its first
 * three numbers as glibc's dl_discover_osversion and FreeBSD's linux_map_osrel read it
 * (sys/compat/linux/linux_mib.c: {@code "%d.%d.%d"}; anything after the third number, such as
 * {@code -362.el9.x86_64}, is ignored).
 */
public record LinuxKernelRelease(int major, int minor, int patch) implements Comparable<LinuxKernelRelease> {
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");
    private static final Comparator<LinuxKernelRelease> ORDER = Comparator.comparingInt(LinuxKernelRelease::major)
            .thenComparingInt(LinuxKernelRelease::minor).thenComparingInt(LinuxKernelRelease::patch);

    public LinuxKernelRelease {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative kernel version " + major + "." + minor + "." + patch);
        }
    }

    /** Parses {@code 5.15.0} or {@code 5.14.0-362.el9.x86_64}; a text without two numbers is refused saying so. */
    public static LinuxKernelRelease parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = RELEASE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Linux kernel release (expected x.y.z, e.g. 5.15.0): '" + text + "'");
        }
        return new LinuxKernelRelease(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public boolean isAtLeast(LinuxKernelRelease other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(LinuxKernelRelease o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
