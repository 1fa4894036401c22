package dev.jailspec.jailconf;

import java.util.List;

/**
 * The files jail(8) can see, by absolute path. Implemented over the real file system, over a
 * directory standing for "/" of a simulated host ({@link JailConfFiles}), or by a test.
 */
public interface ConfFiles {

    boolean exists(String absPath);

    /** The file's text; fails if it cannot be read. */
    String read(String absPath);

    /** Paths matching a glob(3) pattern ({@code * ? [...]}), sorted as glob(3) sorts them; empty if none. */
    List<String> glob(String absPattern);
}
