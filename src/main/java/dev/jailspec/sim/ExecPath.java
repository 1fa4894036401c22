package dev.jailspec.sim;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * execvp(3)'s search, the one way the simulator finds a program in a tree (the host's, a jail's,
 * a chroot's or the Linux userland's): a name with a '/' is taken as it is, relative to the
 * working directory; any other name is tried in each directory of the search path in turn, and
 * the first file there wins (lib/libc/gen/exec.c execvPe).
 */
final class ExecPath {
    /** Whether a path in the tree is a file the search may take. */
    @FunctionalInterface
    interface Candidate {
        boolean test(String absolutePath) throws IOException;
    }

    private ExecPath() {
    }

    static Optional<String> find(String program, String cwd, List<String> path, Candidate candidate) throws IOException {
        if (program.contains("/")) {
            String abs = SimFileSystem.absolute(cwd, program);
            return candidate.test(abs) ? Optional.of(abs) : Optional.empty();
        }
        for (String dir : path) {
            if (candidate.test(dir + "/" + program)) {
                return Optional.of(dir + "/" + program);
            }
        }
        return Optional.empty();
    }
}
