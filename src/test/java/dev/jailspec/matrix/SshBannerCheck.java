package dev.jailspec.matrix;

import dev.jailspec.host.ssh.SshAddress;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Whether a dropped {@code ssh://} host's transport is back: a TCP connection to its port whose first
 * line is an SSH identification string. RFC 4253 section 4.2: "When the connection has been
 * established, both sides MUST send an identification string" of the form "SSH-protoversion-..."; the
 * server may send other lines before it, which are skipped. No login: a cell's own JVM logs in. The port
 * is the target's, else 22 (a Port of ~/.ssh/config is not read here).
 */
final class SshBannerCheck implements HostScheduler.HostCheck {
    private static final int MAX_LINES = 20;
    private final Duration timeout;

    SshBannerCheck(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public boolean reconnects(MatrixHost host) throws IOException {
        if (!host.name().startsWith("ssh://")) {
            return false;  // only a transport can come back; a local host does not drop out
        }
        SshAddress address = SshAddress.parse(host.name());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port().orElse(22)), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            InputStream in = socket.getInputStream();
            for (int i = 0; i < MAX_LINES; i++) {
                String line = readLine(in);
                if (line == null) {
                    return false;
                }
                if (line.startsWith("SSH-")) {
                    return true;
                }
            }
            return false;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (line.length() > 255) {  // RFC 4253: the identification string is at most 255 characters
                return line.toString();
            }
            line.append((char) b);
        }
        return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).strip();
    }
}
