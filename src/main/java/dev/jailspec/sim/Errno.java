package dev.jailspec.sim;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** strerror(3) text for the errors the simulated file system raises. */
final class Errno {
    /** strerror(0): sys_errlist[0] of lib/libc/gen/errlst.c [UNVERIFIED: read at a 2012 revision, not at releng/14.3]. */
    static final String NONE = "No error: 0";
    static final String ENOENT = "No such file or directory";
    static final String EEXIST = "File exists";
    static final String ENOTDIR = "Not a directory";
    static final String EISDIR = "Is a directory";
    static final String EBUSY = "Device busy";
    static final String EINVAL = "Invalid argument";

    private Errno() {
    }

    static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return ENOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return EEXIST;
        }
        if (e instanceof NotDirectoryException) {
            return ENOTDIR;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        throw new dev.jailspec.host.HostException("unexpected I/O error in the simulated host: " + e, e);
    }
}
