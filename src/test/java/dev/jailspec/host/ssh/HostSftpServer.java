package dev.jailspec.host.ssh;

import dev.jailspec.host.FileStat;
import dev.jailspec.host.Host;
import dev.jailspec.host.HostException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An SFTP version 3 server (draft-ietf-secsh-filexfer-02) over a {@link Host}'s own file methods, so
 * that a simulated host's files are served as the simulator keeps them (its recorded owners and
 * modes, its view of "/"), not as the directory under it happens to be. It answers what
 * {@link SftpFiles} asks: lstat, read, list, and a write as OpenSSH's sftp-server takes it (a new
 * temporary name, its mode, then posix-rename@openssh.com onto the file). The temporary file is kept
 * here until the rename, which becomes one {@link Host#writeFile}: what the Host interface can do in
 * one step, so a dropped connection leaves nothing half-written. Anything else is answered
 * SSH_FX_OP_UNSUPPORTED.
 */
final class HostSftpServer {
    // Packet types and status codes of the draft, section 3 and 7.
    private static final int INIT = 1, VERSION = 2, OPEN = 3, CLOSE = 4, READ = 5, WRITE = 6, LSTAT = 7, FSTAT = 8,
            SETSTAT = 9, OPENDIR = 11, READDIR = 12, REMOVE = 13, REALPATH = 16, STAT = 17, EXTENDED = 200;
    private static final int STATUS = 101, HANDLE = 102, DATA = 103, NAME = 104, ATTRS = 105;
    private static final int OK = 0, EOF = 1, NO_SUCH_FILE = 2, FAILURE = 4, OP_UNSUPPORTED = 8;
    // SSH_FXF_* open flags and SSH_FILEXFER_ATTR_* attribute flags.
    private static final int FXF_READ = 1, FXF_WRITE = 2, FXF_CREAT = 8, FXF_EXCL = 0x20;
    private static final int ATTR_SIZE = 1, ATTR_UIDGID = 2, ATTR_PERMISSIONS = 4, ATTR_ACMODTIME = 8;
    private static final String POSIX_RENAME = "posix-rename@openssh.com";

    private final Host host;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final Map<String, Object> handles = new HashMap<>();
    /** Files written and closed but not yet renamed into place: their bytes and mode. */
    private final Map<String, Written> pending = new HashMap<>();
    private int nextHandle;

    private record Reading(String path, byte[] content) {
    }

    private record Writing(String path, ByteArrayOutputStream content, int mode) {
    }

    /** An open directory: its names go out in one NAME reply, then EOF. */
    private static final class Listing {
        final List<String> names;
        final String dir;
        boolean sent;

        Listing(List<String> names, String dir) {
            this.names = names;
            this.dir = dir;
        }
    }

    private record Written(byte[] content, int mode) {
    }

    HostSftpServer(Host host, InputStream in, OutputStream out) {
        this.host = host;
        this.in = new DataInputStream(in);
        this.out = new DataOutputStream(out);
    }

    /** Serves requests until the client closes the channel. */
    void serve() throws IOException {
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                return;
            }
            byte[] packet = in.readNBytes(length);
            if (packet.length < length) {
                return;
            }
            answer(new DataInputStream(new java.io.ByteArrayInputStream(packet)));
        }
    }

    private void answer(DataInputStream p) throws IOException {
        int type = p.readUnsignedByte();
        if (type == INIT) {
            send(VERSION, b -> {
                b.writeInt(3);
                string(b, POSIX_RENAME);
                string(b, "1");
            });
            return;
        }
        int id = p.readInt();
        try {
            switch (type) {
                case OPEN -> open(id, string(p), p.readInt());
                case CLOSE -> close(id, string(p));
                case READ -> read(id, string(p), p.readLong(), p.readInt());
                case WRITE -> write(id, string(p), p.readLong(), bytes(p));
                case LSTAT -> lstat(id, string(p));
                case FSTAT -> fstat(id, string(p));
                case SETSTAT -> setstat(id, string(p), p);
                case OPENDIR -> opendir(id, string(p));
                case READDIR -> readdir(id, string(p));
                case REMOVE -> remove(id, string(p));
                case REALPATH -> realpath(id, string(p));
                case EXTENDED -> extended(id, string(p), p);
                case STAT -> stat(id, string(p));
                default -> status(id, OP_UNSUPPORTED, "SFTP request type " + type + " is not served here");
            }
        } catch (HostException | IllegalArgumentException e) {
            status(id, FAILURE, e.getMessage());
        }
    }

    private void open(int id, String path, int flags) throws IOException {
        if ((flags & FXF_READ) != 0 && (flags & FXF_WRITE) == 0) {
            Optional<FileStat> stat = host.stat(path);
            if (stat.isEmpty()) {
                status(id, NO_SUCH_FILE, path + ": no such file");
                return;
            }
            handle(id, new Reading(path, host.readFile(path)));
        } else if ((flags & (FXF_WRITE | FXF_CREAT | FXF_EXCL)) == (FXF_WRITE | FXF_CREAT | FXF_EXCL)) {
            if (host.stat(path).isPresent() || pending.containsKey(path)) {
                status(id, FAILURE, path + ": file exists");
                return;
            }
            handle(id, new Writing(path, new ByteArrayOutputStream(), 0644));
        } else {
            status(id, OP_UNSUPPORTED, "open flags " + flags + ": only reading, or creating a new file, is served");
        }
    }

    private void handle(int id, Object open) throws IOException {
        String handle = Integer.toString(nextHandle++);
        handles.put(handle, open);
        send(HANDLE, b -> {
            b.writeInt(id);
            string(b, handle);
        });
    }

    private void close(int id, String handle) throws IOException {
        Object open = handles.remove(handle);
        if (open instanceof Writing w) {
            pending.put(w.path(), new Written(w.content().toByteArray(), w.mode()));
        }
        status(id, open == null ? FAILURE : OK, open == null ? "no such handle" : "");
    }

    private void read(int id, String handle, long offset, int length) throws IOException {
        if (!(handles.get(handle) instanceof Reading r)) {
            status(id, FAILURE, "not a handle open for reading");
            return;
        }
        if (offset >= r.content().length) {
            status(id, EOF, "");
            return;
        }
        int n = (int) Math.min(length, r.content().length - offset);
        send(DATA, b -> {
            b.writeInt(id);
            b.writeInt(n);
            b.write(r.content(), (int) offset, n);
        });
    }

    private void write(int id, String handle, long offset, byte[] data) throws IOException {
        if (!(handles.get(handle) instanceof Writing w) || offset != w.content().size()) {
            status(id, FAILURE, "writes are served in order on a handle open for writing");
            return;
        }
        w.content().write(data);
        status(id, OK, "");
    }

    private void lstat(int id, String path) throws IOException {
        Optional<FileStat> stat = host.stat(path);
        if (stat.isEmpty()) {
            status(id, NO_SUCH_FILE, path + ": no such file");
            return;
        }
        send(ATTRS, b -> {
            b.writeInt(id);
            attrs(b, stat.get());
        });
    }

    // STAT follows symbolic links (MINA's client stats a file before it reads it, for its size). The Host
    // interface's stat is lstat, but its readFile follows links: for a link, the file it reaches, with that
    // file's size; its owner and mode are the link's, which no caller of stat-before-read looks at.
    private void stat(int id, String path) throws IOException {
        Optional<FileStat> link = host.stat(path).filter(s -> s.type() == FileStat.Type.SYMLINK);
        if (link.isEmpty()) {
            lstat(id, path);
            return;
        }
        byte[] content = host.readFile(path);
        FileStat l = link.get();
        send(ATTRS, b -> {
            b.writeInt(id);
            attrs(b, new FileStat(path, FileStat.Type.FILE, content.length, l.mode(), l.uid(), l.gid()));
        });
    }

    private void fstat(int id, String handle) throws IOException {
        if (!(handles.get(handle) instanceof Reading r)) {
            status(id, OP_UNSUPPORTED, "fstat is served on files open for reading");
            return;
        }
        lstat(id, r.path());
    }

    private void setstat(int id, String path, DataInputStream p) throws IOException {
        int flags = p.readInt();
        Written w = pending.get(path);
        if (w == null || flags != ATTR_PERMISSIONS) {
            status(id, OP_UNSUPPORTED, "setstat is served for the mode of a file just written, before its rename");
            return;
        }
        pending.put(path, new Written(w.content(), p.readInt() & 07777));
        status(id, OK, "");
    }

    private void opendir(int id, String dir) throws IOException {
        if (host.stat(dir).filter(FileStat::isDirectory).isEmpty()) {
            status(id, NO_SUCH_FILE, dir + ": no such directory");
            return;
        }
        handle(id, new Listing(host.list(dir), dir));
    }

    private void readdir(int id, String handle) throws IOException {
        if (!(handles.get(handle) instanceof Listing l)) {
            status(id, FAILURE, "not a directory handle");
            return;
        }
        if (l.sent) {
            status(id, EOF, "");
            return;
        }
        l.sent = true;
        String prefix = l.dir.endsWith("/") ? l.dir : l.dir + "/";
        send(NAME, b -> {
            b.writeInt(id);
            b.writeInt(l.names.size());
            for (String name : l.names) {
                string(b, name);
                string(b, name);  // the longname, ls -l style, which clients only show
                Optional<FileStat> stat = host.stat(prefix + name);
                if (stat.isPresent()) {
                    attrs(b, stat.get());
                } else {
                    b.writeInt(0);
                }
            }
        });
    }

    private void remove(int id, String path) throws IOException {
        if (pending.remove(path) != null) {
            status(id, OK, "");
        } else {
            status(id, OP_UNSUPPORTED, "remove is served for a file just written, before its rename");
        }
    }

    private void realpath(int id, String path) throws IOException {
        String absolute = java.nio.file.Path.of("/").resolve(path).normalize().toString();
        send(NAME, b -> {
            b.writeInt(id);
            b.writeInt(1);
            string(b, absolute);
            string(b, absolute);
            b.writeInt(0);
        });
    }

    private void extended(int id, String request, DataInputStream p) throws IOException {
        if (!request.equals(POSIX_RENAME)) {
            status(id, OP_UNSUPPORTED, request + " is not served here");
            return;
        }
        String from = string(p);
        String to = string(p);
        Written w = pending.remove(from);
        if (w == null) {
            status(id, OP_UNSUPPORTED, "rename is served for a file just written onto its place");
            return;
        }
        host.writeFile(to, w.content(), w.mode());
        status(id, OK, "");
    }

    private static void attrs(DataOutputStream b, FileStat s) throws IOException {
        b.writeInt(ATTR_SIZE | ATTR_UIDGID | ATTR_PERMISSIONS);
        b.writeLong(s.size());
        b.writeInt(s.uid());
        b.writeInt(s.gid());
        // sys/stat.h's S_IF* type bits in front of the mode, as sftp-server sends st_mode.
        int type = switch (s.type()) {
            case FILE -> 0100000;
            case DIRECTORY -> 040000;
            case SYMLINK -> 0120000;
            case OTHER -> 0;
        };
        b.writeInt(type | s.mode());
    }

    private void status(int id, int code, String message) throws IOException {
        send(STATUS, b -> {
            b.writeInt(id);
            b.writeInt(code);
            string(b, message == null ? "" : message);
            string(b, "en");
        });
    }

    private interface Body {
        void write(DataOutputStream b) throws IOException;
    }

    private void send(int type, Body body) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var b = new DataOutputStream(bytes);
        b.writeByte(type);
        body.write(b);
        out.writeInt(bytes.size());
        bytes.writeTo(out);
        out.flush();
    }

    private static String string(DataInputStream p) throws IOException {
        return new String(bytes(p), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(DataInputStream p) throws IOException {
        return p.readNBytes(p.readInt());
    }

    private static void string(DataOutputStream b, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.writeInt(bytes.length);
        b.write(bytes);
    }
}
