# jailspec's entry point behind the test sshd (its ForceCommand): hands the command sshd was asked
# to run (SSH_ORIGINAL_COMMAND), with its stdin, to the resident host server on the unix socket
# given as $ARGV[0], and gives back its output and exit status. For the sftp subsystem sshd puts the
# subsystem's command there ("internal-sftp"): the bytes then go both ways unread.
# Protocol (ResidentHostServer): "x" + u32 length + the line, then stdin until shutdown; back,
# frames of 1 byte (1 stdout, 2 stderr) + u32 length + bytes, and "\x03" + s32 exit status.
# "s" + u32 0 starts an SFTP session on the socket.
# Perl, not python3: perl-base is Essential in Debian (always there) and starts in a few
# milliseconds, python3 in tens; sshd runs this once per command, so that is the transport's cost.
use strict;
use warnings;
use Socket qw(AF_UNIX SOCK_STREAM SHUT_WR pack_sockaddr_un);

sub write_all {
    my ($fh, $data) = @_;
    while (length $data) {
        my $n = syswrite($fh, $data);
        die "jailspec sim-entry: write failed: $!\n" unless defined $n;
        substr($data, 0, $n, '');
    }
}

sub read_exactly {
    my ($sock, $n) = @_;
    my $data = '';
    while (length($data) < $n) {
        my $got = sysread($sock, $data, $n - length($data), length($data));
        if (!$got) {
            print STDERR "jailspec sim-entry: the resident host server closed the connection\n";
            exit 255;
        }
    }
    return $data;
}

sub copy_stdin {
    my ($sock) = @_;
    my $buf;
    while (my $n = sysread(STDIN, $buf, 65536)) {
        write_all($sock, $buf);
    }
    shutdown($sock, SHUT_WR);
}

socket(my $sock, AF_UNIX, SOCK_STREAM, 0) or die "jailspec sim-entry: socket: $!\n";
connect($sock, pack_sockaddr_un($ARGV[0])) or die "jailspec sim-entry: connect $ARGV[0]: $!\n";
my $command = $ENV{SSH_ORIGINAL_COMMAND} // '';
if ($command eq 'internal-sftp') {
    write_all($sock, 's' . pack('N', 0));
    # Both ways at once: the child feeds stdin to the server while this process copies its answers out.
    my $pid = fork() // die "jailspec sim-entry: fork: $!\n";
    if ($pid == 0) {
        copy_stdin($sock);
        exit 0;
    }
    my $buf;
    while (my $n = sysread($sock, $buf, 65536)) {
        write_all(\*STDOUT, $buf);
    }
    kill 'TERM', $pid;
    exit 0;
}
write_all($sock, 'x' . pack('N', length $command) . $command);
copy_stdin($sock);
while (1) {
    my $kind = read_exactly($sock, 1);
    if ($kind eq "\x03") {
        my $status = unpack('l>', read_exactly($sock, 4));
        exit($status & 0xff);
    }
    my $length = unpack('N', read_exactly($sock, 4));
    write_all($kind eq "\x01" ? \*STDOUT : \*STDERR, read_exactly($sock, $length));
}
