package dev.jailspec.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A cell's run lost its host ({@link CellMain} exits {@link CellMain#HOST_LOST}): which host, the
 * transport's error, and how many scenarios had begun there. Written beside the cell's reports as
 * JSON, so that the runner gets it typed rather than from the cell's console.
 */
record HostLoss(String host, String reason, int scenariosStarted) {
    static final String FILE = "host-lost.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    HostLoss {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(reason, "reason");
    }

    void writeTo(Path cellDir) {
        try {
            JSON.writeValue(Files.createDirectories(cellDir).resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE + " in " + cellDir, e);
        }
    }

    static Optional<HostLoss> readFrom(Path cellDir) {
        Path file = cellDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), HostLoss.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static void clear(Path cellDir) {
        try {
            Files.deleteIfExists(cellDir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + cellDir.resolve(FILE), e);
        }
    }
}
