package dev.jailspec.provision;

import dev.jailspec.artifact.ExtractedTree;
import dev.jailspec.host.FileStat;
import dev.jailspec.host.Host;

/** The host's files as the artifact package's {@link ExtractedTree}, to check an extraction. */
final class HostTree {
    private HostTree() {
    }

    static ExtractedTree of(Host host) {
        return ExtractedTree.of(path -> host.stat(path).map(s ->
                new ExtractedTree.Stat(s.type() == FileStat.Type.FILE, s.isDirectory(), s.size())), host::list);
    }
}
