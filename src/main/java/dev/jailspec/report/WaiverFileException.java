package dev.jailspec.report;

import java.nio.file.Path;

/** The waivers file cannot be used: names the file, the line and what is wrong with it. */
public final class WaiverFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WaiverFileException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem + " (see README, \"Known failures\")");
    }
}
