package dev.jailspec.freebsd;

import java.util.Objects;

/** One row of the kldstat(8) table: {@code Id Refs Address Size Name}; size is hex in the table. */
public record KldFile(int id, int refs, String address, long size, String name) {
    public KldFile {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
    }
}
