package dev.jailspec.host.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link SshHost} logs in and whom it trusts, as an OpenSSH user would set it up.
 *
 * @param configFile    ssh_config(5) read for HostName, User, Port, IdentityFile, ProxyJump (none: nothing read)
 * @param knownHosts    the known_hosts file the server's key is checked against
 * @param hostKeys      strict (an unknown key stops the run) or accept-new (an unknown key is added; a changed one still stops)
 * @param identityFiles private keys offered, besides those the config file names
 * @param become        how commands get root on a non-root login
 * @param agent         the socket of an ssh-agent whose keys are offered too (SSH_AUTH_SOCK), if any
 */
public record SshOptions(Optional<Path> configFile, Path knownHosts, HostKeyPolicy hostKeys, List<Path> identityFiles,
                         Become become, Duration connectTimeout, Optional<Path> agent) {

    /** What to do with a server key known_hosts does not list. There is no accept-all. */
    public enum HostKeyPolicy {
        STRICT, ACCEPT_NEW;

        public static HostKeyPolicy parse(String value) {
            return switch (value) {
                case "strict" -> STRICT;
                case "accept-new" -> ACCEPT_NEW;
                default -> throw new IllegalArgumentException("known hosts policy '" + value + "': use strict or accept-new");
            };
        }
    }

    public SshOptions {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(hostKeys, "hostKeys");
        identityFiles = List.copyOf(identityFiles);
        Objects.requireNonNull(become, "become");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(agent, "agent");
    }

    /** What ssh(1) reads for the user running the JVM: ~/.ssh/config, ~/.ssh/known_hosts, ~/.ssh/id_*. */
    public static SshOptions ofUserHome(Path home) {
        Path ssh = home.resolve(".ssh");
        Path config = ssh.resolve("config");
        // ssh(1)'s default identities (ssh_config(5), IdentityFile), those that exist.
        List<Path> ids = List.of("id_ed25519", "id_ecdsa", "id_rsa").stream().map(ssh::resolve)
                .filter(java.nio.file.Files::isRegularFile).toList();
        return new SshOptions(java.nio.file.Files.isRegularFile(config) ? Optional.of(config) : Optional.empty(),
                ssh.resolve("known_hosts"), HostKeyPolicy.STRICT, ids, Become.NONE, Duration.ofSeconds(30), Optional.empty());
    }

    public SshOptions withConfigFile(Path file) {
        return new SshOptions(Optional.of(file), knownHosts, hostKeys, identityFiles, become, connectTimeout, agent);
    }

    public SshOptions withKnownHosts(Path file, HostKeyPolicy policy) {
        return new SshOptions(configFile, file, policy, identityFiles, become, connectTimeout, agent);
    }

    public SshOptions withIdentityFiles(List<Path> files) {
        return new SshOptions(configFile, knownHosts, hostKeys, files, become, connectTimeout, agent);
    }

    /** Offers the keys of the ssh-agent at {@code socket} too, as ssh(1) does with SSH_AUTH_SOCK set. */
    public SshOptions withAgent(Optional<Path> socket) {
        return new SshOptions(configFile, knownHosts, hostKeys, identityFiles, become, connectTimeout, socket);
    }

    public SshOptions withBecome(Become how) {
        return new SshOptions(configFile, knownHosts, hostKeys, identityFiles, how, connectTimeout, agent);
    }
}
