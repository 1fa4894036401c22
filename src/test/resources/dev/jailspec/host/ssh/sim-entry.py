# jailspec's entry point behind the test sshd (its ForceCommand): hands the command sshd was asked
# to run (SSH_ORIGINAL_COMMAND), with its stdin, to the resident host server on the unix socket
# given as argv[1], and gives back its output and exit status. For the sftp subsystem sshd puts the
# subsystem's command there ("internal-sftp"): the bytes then go both ways unread.
# Protocol (ResidentHostServer): b"x" + u32 length + the line, then stdin until shutdown; back,
# frames of 1 byte (1 stdout, 2 stderr) + u32 length + bytes, and b"\x03" + s32 exit status.
# b"s" + u32 0 starts an SFTP session on the socket.
import os
import socket
import struct
import sys


def write_all(fd, data):
    while data:
        data = data[os.write(fd, data):]


def copy_stdin(sock):
    while True:
        data = os.read(0, 65536)
        if not data:
            break
        sock.sendall(data)
    sock.shutdown(socket.SHUT_WR)


def read_exactly(f, n):
    data = f.read(n)
    if len(data) < n:
        sys.stderr.write("jailspec sim-entry: the resident host server closed the connection\n")
        sys.exit(255)
    return data


def main():
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(sys.argv[1])
    command = os.environ.get("SSH_ORIGINAL_COMMAND", "")
    if command == "internal-sftp":
        import threading  # only here: every import costs each command its start-up time
        sock.sendall(b"s" + struct.pack(">I", 0))
        threading.Thread(target=copy_stdin, args=(sock,), daemon=True).start()
        while True:
            data = sock.recv(65536)
            if not data:
                return 0
            write_all(1, data)
    line = command.encode()
    sock.sendall(b"x" + struct.pack(">I", len(line)) + line)
    copy_stdin(sock)
    f = sock.makefile("rb")
    while True:
        kind = read_exactly(f, 1)
        if kind == b"\x03":
            return struct.unpack(">i", read_exactly(f, 4))[0]
        length = struct.unpack(">I", read_exactly(f, 4))[0]
        write_all(1 if kind == b"\x01" else 2, read_exactly(f, length))


sys.exit(main())
