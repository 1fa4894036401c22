package dev.jailspec.host.ssh;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where an SSH target is: {@code ssh://[user@]host[:port]}. User and port may be left to
 * {@code ~/.ssh/config} (User, Port, HostName), as with ssh(1); without either, the login user is
 * the local user name and the port 22.
 */
public record SshAddress(Optional<String> user, String host, Optional<Integer> port) {

    public SshAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("an SSH target needs a host, as in ssh://root@host.example or ssh://root@192.0.2.1:2222");
        }
    }

    public static SshAddress parse(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + value + "' is not an SSH target: write ssh://user@host[:port] ("
                    + e.getReason() + ")", e);
        }
        if (!"ssh".equals(uri.getScheme()) || uri.getHost() == null
                || (uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("'" + value + "' is not an SSH target: write ssh://user@host[:port],"
                    + " e.g. ssh://root@192.0.2.1:2222, with nothing after the port");
        }
        return new SshAddress(Optional.ofNullable(uri.getUserInfo()), uri.getHost(),
                uri.getPort() < 0 ? Optional.empty() : Optional.of(uri.getPort()));
    }

    @Override
    public String toString() {
        return "ssh://" + user.map(u -> u + "@").orElse("") + host + port.map(p -> ":" + p).orElse("");
    }
}
