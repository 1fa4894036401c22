package dev.jailspec.provision;

import dev.jailspec.config.Setting;
import dev.jailspec.config.Settings;
import dev.jailspec.config.SettingsLoader;
import dev.jailspec.host.ssh.HostBehindSshd;
import dev.jailspec.host.ssh.TestSshd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The sim target (the simulated host and its embedded mirror, as {@code jailspec.target=sim} opens
 * them) behind a real OpenSSH sshd, and the settings that make a run drive it as an
 * {@code ssh://} target: the address, the release, mirrors and names the sim would have used, and
 * a home whose ~/.ssh holds the sshd's known_hosts line and the key it lets in.
 */
public final class SimTargetOverSsh implements AutoCloseable {
    private final TargetHost sim;
    private final HostBehindSshd behind;
    private final Map<String, String> properties;

    private SimTargetOverSsh(TargetHost sim, HostBehindSshd behind, Map<String, String> properties) {
        this.sim = sim;
        this.behind = behind;
        this.properties = properties;
    }

    /**
     * Opens the sim target of {@code given} (jailspec.target taken as sim) and an sshd in front of it,
     * with its files under {@code dir}.
     */
    public static SimTargetOverSsh start(Path dir, Properties given) {
        var simProperties = new Properties();
        simProperties.putAll(given);
        simProperties.setProperty(Setting.TARGET.key(), "sim");
        Settings settings = RunRelease.resolve(SettingsLoader.load(dir, Map.of(), simProperties));
        TargetHost sim = TargetHost.open(settings);
        try {
            HostBehindSshd behind = HostBehindSshd.start(dir.resolve("ssh"), sim.host());
            TestSshd sshd = behind.sshd();
            Path home = dir.resolve("home");
            Path ssh = Files.createDirectories(home.resolve(".ssh"));
            Files.writeString(ssh.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
            Path key = Files.copy(sshd.userKey, ssh.resolve("id_ed25519"));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            var p = new LinkedHashMap<String, String>();
            p.put(Setting.TARGET.key(), "ssh://" + sshd.user + "@127.0.0.1:" + sshd.port);
            p.put("user.home", home.toString());
            p.put(Setting.FREEBSD_RELEASE.key(), settings.freebsdRelease());
            p.put(Setting.FREEBSD_MIRROR.key(), sim.freebsdMirror());
            p.put(Setting.FREEBSD_ARCHIVE_MIRROR.key(), sim.freebsdArchiveMirror());
            // The Linux userland's mirror is its distribution's own key (jailspec.rocky.mirror for Rocky).
            p.put("jailspec." + settings.get(Setting.LINUX_DISTRIBUTION) + ".mirror", sim.linuxMirror());
            // What a real target must be given and the sim derives.
            for (Setting s : List.of(Setting.ZFS_ROOT, Setting.ZFS_MOUNTPOINT, Setting.JAIL_ADDRESS, Setting.JAIL_GATEWAY,
                    Setting.CLOCK)) {
                p.put(s.key(), s == Setting.ZFS_MOUNTPOINT ? settings.zfsMountpoint() : settings.get(s));
            }
            return new SimTargetOverSsh(sim, behind, Map.copyOf(p));
        } catch (IOException e) {
            sim.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    /** The system properties a run over SSH to this simulator is started with. */
    public Map<String, String> systemProperties() {
        return properties;
    }

    /** The simulated host itself, to look at what a run over SSH did to it. */
    public dev.jailspec.host.Host simHost() {
        return sim.host();
    }

    public HostBehindSshd behind() {
        return behind;
    }

    @Override
    public void close() {
        behind.close();
        sim.close();
    }
}
