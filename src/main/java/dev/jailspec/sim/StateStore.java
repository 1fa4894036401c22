package dev.jailspec.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jailspec.host.HostException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes the state file atomically (a temporary file in the same directory, then a
 * rename), so a crash never leaves half a host behind. Lives under {@code /var/db/jailspec-sim}
 * of the simulated root, next to the ZFS store that holds snapshot contents.
 */
final class StateStore {
    static final String DIR = "var/db/jailspec-sim";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    StateStore(Path realRoot) {
        this.dir = realRoot.resolve(DIR);
    }

    Path stateFile() {
        return dir.resolve("state.json");
    }

    Path lockFile() {
        return dir.resolve("lock");
    }

    /** Where ZFS keeps the frozen files of snapshots and the files of unmounted file systems. */
    Path zfsStore() {
        return dir.resolve("zfs");
    }

    boolean exists() {
        return Files.isRegularFile(stateFile());
    }

    SimState load() {
        try {
            return JSON.readValue(stateFile().toFile(), SimState.class);
        } catch (IOException e) {
            throw new HostException("cannot read the simulated host's state " + stateFile() + ": " + e.getMessage(), e);
        }
    }

    void save(SimState state) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "state", ".tmp");
            JSON.writeValue(tmp.toFile(), state);
            try {
                Files.move(tmp, stateFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, stateFile(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new HostException("cannot write the simulated host's state " + stateFile() + ": " + e.getMessage(), e);
        }
    }
}
