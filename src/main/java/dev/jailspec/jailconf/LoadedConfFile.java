package dev.jailspec.jailconf;

import java.util.Objects;

/** A file jail(8) opened while loading a configuration, with what it contains. */
public record LoadedConfFile(String path, JailConf conf) {

    public LoadedConfFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(conf, "conf");
    }
}
