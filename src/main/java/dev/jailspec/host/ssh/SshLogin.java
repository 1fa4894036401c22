package dev.jailspec.host.ssh;

import dev.jailspec.host.TransportException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * One authenticated SSH session (and its SFTP subsystem) for a run. ~/.ssh/config's HostName,
 * User, Port, IdentityFile and ProxyJump are applied by MINA's ssh_config resolver; the keys of an
 * ssh-agent are offered too when the options name its socket ({@link AgentIdentities}); the server's
 * key is checked by {@link HostKeyCheck}. Every way it fails is a {@link TransportException}
 * saying what to do.
 */
final class SshLogin implements AutoCloseable {
    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;
    private final SshAddress address;
    private final SshOptions options;

    private SshLogin(SshClient client, ClientSession session, SftpClient sftp, SshAddress address, SshOptions options) {
        this.client = client;
        this.session = session;
        this.sftp = sftp;
        this.address = address;
        this.options = options;
    }

    static SshLogin open(SshAddress address, SshOptions options) {
        SshClient client = SshClient.setUpDefaultClient();
        var hostKeys = new HostKeyCheck(options.knownHosts(), options.hostKeys());
        client.setServerKeyVerifier(hostKeys.verifier());
        // Only the config file the options name: MINA would otherwise read ~/.ssh/config on its own.
        client.setHostConfigEntryResolver(options.configFile()
                .<HostConfigEntryResolver>map(ConfigFileHostEntryResolver::new).orElse(HostConfigEntryResolver.EMPTY));
        options.agent().ifPresent(socket -> client.setAgentFactory(AgentIdentities.factory(socket)));
        client.setKeyIdentityProvider(options.identityFiles().isEmpty() ? KeyIdentityProvider.EMPTY_KEYS_PROVIDER
                : new FileKeyPairProvider(options.identityFiles().toArray(Path[]::new)));
        // A command is a few small packets each way (channel open, exec, EOF, close): without TCP_NODELAY,
        // Nagle's algorithm and the server's delayed ACKs hold them back, tens of milliseconds a command.
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
        // Left to ssh_config (User, Port) when the address does not say: null and 0 are MINA's "not given",
        // after which it falls back to the local user name and port 22, as ssh(1).
        String user = address.user().orElse(null);
        String describe = address.toString();
        long timeout = options.connectTimeout().toMillis();
        ClientSession session = null;
        try {
            session = client.connect(user, address.host(), address.port().orElse(0)).verify(timeout).getSession();
            session.auth().verify(timeout);
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new SshLogin(client, session, sftp, address, options);
        } catch (IOException | RuntimeException e) {
            String who = user != null ? user : session != null ? session.getUsername() : System.getProperty("user.name");
            String reason = hostKeys.rejection().orElseGet(() -> explain(e, who, options));
            closeQuietly(session);
            client.stop();
            throw new TransportException("cannot log in to " + describe + ": " + reason, e);
        }
    }

    private static String explain(Exception e, String user, SshOptions options) {
        String message = String.valueOf(e.getMessage());
        // MINA's ClientUserAuthService, when the server accepted none of the keys offered.
        if (message.contains("No more authentication methods")) {
            return "the server refused every key offered for " + user + " ("
                    + (options.identityFiles().isEmpty() ? "none given" : options.identityFiles())
                    + options.agent().map(a -> ", the ssh-agent's at " + a).orElse("") + ", and those"
                    + " IdentityFile names in " + options.configFile().map(Path::toString).orElse("no ssh config")
                    + "). Add the public key to ~" + user + "/.ssh/authorized_keys on the host, or name the right"
                    + " key with IdentityFile in ~/.ssh/config";
        }
        if (message.contains("subsystem") || message.contains("sftp")) {
            return "the server does not serve SFTP (sshd_config: Subsystem sftp ...), which jailspec needs for files: "
                    + message;
        }
        return message;
    }

    ClientSession session() {
        return session;
    }

    SftpClient sftp() {
        return sftp;
    }

    SshOptions options() {
        return options;
    }

    String user() {
        return session.getUsername();
    }

    String describe() {
        return address.toString();
    }

    /** Whether the session still stands (not closed by the server, a dropped link or us). */
    boolean isOpen() {
        return session.isOpen() && !session.isClosing();
    }

    /** A new login with the same address and options, after this one's connection dropped. */
    SshLogin reopen() {
        close();
        return open(address, options);
    }

    private static void closeQuietly(ClientSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (IOException ignored) {
            // closing after a failed login; the login's error is the one to report
        }
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // the session goes next anyway
        }
        closeQuietly(session);
        client.stop();
    }
}
