package dev.jailspec.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The re-check of a dropped host: its port answers with an SSH identification string (RFC 4253 4.2). */
@Timeout(20)
class SshBannerCheckTest {
    private final SshBannerCheck check = new SshBannerCheck(Duration.ofSeconds(5));

    private static boolean against(String greeting, SshBannerCheck check) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> serve = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write(greeting.getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            boolean back = check.reconnects(MatrixHost.target("ssh://root@127.0.0.1:" + server.getLocalPort()));
            serve.join();
            return back;
        }
    }

    @Test
    void anSshdsIdentificationStringAfterOtherLinesIsAReconnect() throws Exception {
        assertThat(against("SSH-2.0-OpenSSH_9.6\r\n", check)).isTrue();
        assertThat(against("a banner line first\r\nSSH-2.0-OpenSSH_9.6\r\n", check)).isTrue();
    }

    @Test
    void somethingElseOnThePortOrNothingAtAllIsNot() throws Exception {
        assertThat(against("HTTP/1.1 400 Bad Request\r\n\r\n", check)).isFalse();
        assertThat(check.reconnects(MatrixHost.target("local"))).isFalse();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        int port = closed;
        assertThatThrownBy(() -> check.reconnects(MatrixHost.target("ssh://root@127.0.0.1:" + port)))
                .isInstanceOf(java.net.ConnectException.class);
    }
}
