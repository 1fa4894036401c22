package dev.jailspec.linux;

import java.util.Map;

/**
 * The oldest Linux kernel a Rocky userland's glibc runs on: glibc is configured with
 * {@code --enable-kernel=VERSION} and its dynamic loader refuses an older kernel with
 * {@code FATAL: kernel too old} before any program starts. The one place this value is kept.
 *
 * <p>Rocky 9 ships glibc 2.34 and Rocky 10 glibc 2.39; for x86_64 both default to 3.2.0
 * (glibc's {@code configure.ac}: {@code arch_minimum_kernel=3.2.0} in sysdeps/unix/sysv/linux/x86_64
 * since glibc 2.26), and Rocky's glibc.spec does not raise it. [UNVERIFIED: glibc.spec of Rocky 9
 * and 10 not read here; the value is glibc's own x86_64 default.] When a Rocky release catalogue
 * carries the glibc minimum per release, it replaces this table.
 */
public final class GlibcKernelFloor {
    private static final LinuxKernelRelease X86_64_MINIMUM = new LinuxKernelRelease(3, 2, 0);
    private static final Map<String, LinuxKernelRelease> BY_ROCKY_MAJOR = Map.of("9", X86_64_MINIMUM, "10", X86_64_MINIMUM);

    private GlibcKernelFloor() {
    }

    /** The minimum for a Rocky major release ({@code jailspec.rocky.release}); an unknown one is refused. */
    public static LinuxKernelRelease forRocky(String major) {
        LinuxKernelRelease v = BY_ROCKY_MAJOR.get(major);
        if (v == null) {
            throw new IllegalArgumentException("no glibc kernel minimum known for Rocky Linux " + major
                    + " (known: " + new java.util.TreeSet<>(BY_ROCKY_MAJOR.keySet()) + ")");
        }
        return v;
    }
}
