package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.Host;

/** cp(1) and rm(1) on the target, so the runbook shows the same commands a person would type. */
public final class FileCopy {
    private final Host host;

    public FileCopy(Host host) {
        this.host = host;
    }

    /** {@code cp SRC DST}. */
    public void copy(String source, String target) {
        host.run(Command.of("cp", source, target)).orThrow();
    }

    /** {@code cp -Rp SRC DIR}: a directory tree, with its modes, into the directory {@code targetDir}. */
    public void copyTree(String source, String targetDir) {
        host.run(Command.of("cp", "-Rp", source, targetDir)).orThrow();
    }

    /** {@code rm -f PATH}: succeeds when the file is already gone. */
    public void removeFile(String path) {
        host.run(Command.of("rm", "-f", path)).orThrow();
    }
}
