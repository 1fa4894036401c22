package dev.jailspec.freebsd;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code zfs version}: the userland line ({@code zfs-2.2.7-FreeBSD_ge269af1b3}) and the kernel
 * module line ({@code zfs-kmod-...}) (freebsd-facts 1.1). They differ when a ports kmod is loaded
 * (transcript zfs-version/002).
 */
public record ZfsVersion(String userland, String kernel) {
    private static final Pattern RELEASE = Pattern.compile("^zfs-(?:kmod-)?(\\d+\\.\\d+\\.\\d+)");

    public static ZfsVersion parse(String stdout) {
        String userland = null;
        String kernel = null;
        for (String line : stdout.strip().split("\n")) {
            line = line.strip();
            if (line.startsWith("zfs-kmod-")) {
                kernel = line;
            } else if (line.startsWith("zfs-")) {
                userland = line;
            }
        }
        if (userland == null || kernel == null || release(userland).isEmpty() || release(kernel).isEmpty()) {
            throw new IllegalArgumentException(
                    "expected a zfs-X.Y.Z and a zfs-kmod-X.Y.Z line from zfs version, got: " + stdout);
        }
        return new ZfsVersion(userland, kernel);
    }

    /** {@code 2.2.7} from the userland line. */
    public String userlandRelease() {
        return release(userland).orElseThrow();
    }

    /** {@code 2.3.5} from {@code zfs-kmod-2.3.5-1}. */
    public String kernelRelease() {
        return release(kernel).orElseThrow();
    }

    /** JSON output ({@code -j}) exists only from OpenZFS 2.3 (freebsd-facts 1.2). */
    public boolean supportsJson() {
        String[] p = userlandRelease().split("\\.");
        int major = Integer.parseInt(p[0]);
        int minor = Integer.parseInt(p[1]);
        return major > 2 || major == 2 && minor >= 3;
    }

    private static Optional<String> release(String line) {
        Matcher m = RELEASE.matcher(line);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
