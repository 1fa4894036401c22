package dev.jailspec.freebsd;

import java.util.Objects;

/**
 * {@code uname -a} split into its fields. {@code version} keeps its inner spacing
 * ({@code FreeBSD 14.1-RELEASE releng/14.1-n267679-10e31f0946d8 GENERIC}).
 */
public record UnameInfo(String sysname, String nodename, String release, String version, String machine) {
    public UnameInfo {
        Objects.requireNonNull(sysname, "sysname");
        Objects.requireNonNull(nodename, "nodename");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(machine, "machine");
    }

    /** The kernel config name: {@code GENERIC}, or {@code MYKERNEL} from {@code .../sys/MYKERNEL}. */
    public String kernelIdent() {
        return UnameParser.kernelIdent(version);
    }
}
