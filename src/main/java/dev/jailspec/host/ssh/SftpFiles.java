package dev.jailspec.host.ssh;

import dev.jailspec.host.FileStat;
import dev.jailspec.host.HostException;
import dev.jailspec.host.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * The file half of {@link SshHost}, over the session's SFTP subsystem (sftp-server(8), served by
 * FreeBSD's sshd by default: crypto/openssh/sshd_config "Subsystem sftp /usr/libexec/sftp-server").
 * Writes stream through a bounded buffer to a temporary name in the target's directory, set the
 * mode, then take the file's place with one rename (posix-rename@openssh.com, rename(2)), so a
 * reader never sees half a file and a dropped connection leaves only the temporary name behind.
 */
final class SftpFiles {
    private static final int BUFFER = 64 * 1024;

    private final SftpClient sftp;
    private final String where;

    SftpFiles(SftpClient sftp, String where) {
        this.sftp = sftp;
        this.where = where;
    }

    Optional<FileStat> stat(String path) {
        try {
            SftpClient.Attributes a = sftp.lstat(path);
            FileStat.Type type = a.isRegularFile() ? FileStat.Type.FILE : a.isDirectory() ? FileStat.Type.DIRECTORY
                    : a.isSymbolicLink() ? FileStat.Type.SYMLINK : FileStat.Type.OTHER;
            return Optional.of(new FileStat(path, type, a.getSize(), a.getPermissions() & 07777, a.getUserId(),
                    a.getGroupId()));
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return Optional.empty();
            }
            throw failure("stat", path, e);
        } catch (IOException e) {
            throw failure("stat", path, e);
        }
    }

    byte[] read(String path) {
        try (InputStream in = sftp.read(path, BUFFER)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    List<String> list(String dir) {
        if (stat(dir).filter(FileStat::isDirectory).isEmpty()) {
            return List.of();
        }
        var names = new ArrayList<String>();
        try {
            for (SftpClient.DirEntry entry : sftp.readDir(dir)) {
                if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                    names.add(entry.getFilename());
                }
            }
        } catch (IOException e) {
            throw failure("list", dir, e);
        }
        names.sort(null);
        return List.copyOf(names);
    }

    /** Streams {@code content} to {@code path} (temporary name, mode, rename); never creates directories. */
    void write(String path, InputStream content, int mode) {
        String dir = existingDirectory(path, mode);
        String temp = (dir.equals("/") ? "" : dir) + "/." + path.substring(path.lastIndexOf('/') + 1) + "."
                + UUID.randomUUID() + ".jailspec-tmp";
        try {
            try (OutputStream out = sftp.write(temp, BUFFER, SftpClient.OpenMode.Write, SftpClient.OpenMode.Create,
                    SftpClient.OpenMode.Exclusive)) {
                content.transferTo(out);
            }
            // After the data: sftp-server applies the mode with chmod(2), which the umask does not narrow.
            sftp.setStat(temp, new SftpClient.Attributes().perms(mode));
            rename(temp, path);
        } catch (IOException e) {
            removeQuietly(temp);
            throw failure("write", path, e);
        }
    }

    /** The directory {@code path} is to be written in, after checking the mode and that the directory exists. */
    String existingDirectory(String path, int mode) {
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode must be within 07777, got 0" + Integer.toOctalString(mode));
        }
        int slash = path.lastIndexOf('/');
        if (!path.startsWith("/") || slash == path.length() - 1) {
            throw new IllegalArgumentException("host paths are absolute file names, got " + path);
        }
        String dir = slash == 0 ? "/" : path.substring(0, slash);
        if (stat(dir).filter(FileStat::isDirectory).isEmpty()) {
            throw new HostException("cannot write " + path + " on " + where + ": directory " + dir + " does not exist");
        }
        return dir;
    }

    private void rename(String from, String to) throws IOException {
        OpenSSHPosixRenameExtension posix = sftp.getExtension(OpenSSHPosixRenameExtension.class);
        if (!posix.isSupported()) {
            // SFTP v3's own rename fails on an existing target; replacing needs rename(2).
            throw new IOException("the SFTP server does not offer posix-rename@openssh.com, needed to replace a file"
                    + " in one step (OpenSSH's sftp-server has it)");
        }
        posix.posixRename(from, to);
    }

    private void removeQuietly(String path) {
        try {
            sftp.remove(path);
        } catch (IOException ignored) {
            // the connection may be gone; the error that got us here is the one to report
        }
    }

    private RuntimeException failure(String what, String path, IOException e) {
        if (e instanceof SftpException sftpError) {
            String reason = switch (sftpError.getStatus()) {
                case SftpConstants.SSH_FX_NO_SUCH_FILE -> "no such file or directory";
                case SftpConstants.SSH_FX_PERMISSION_DENIED -> "permission denied";
                default -> String.valueOf(e.getMessage());
            };
            return new HostException("cannot " + what + " " + path + " on " + where + ": " + reason, e);
        }
        return new TransportException("cannot " + what + " " + path + " on " + where + ": the SFTP session failed: "
                + e.getMessage(), e);
    }
}
