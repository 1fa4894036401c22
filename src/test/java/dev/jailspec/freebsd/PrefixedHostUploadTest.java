package dev.jailspec.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.sim.SimHost;
import dev.jailspec.sim.SimHostSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jail or chroot view maps every path, the streamed upload included, and does not close its host. */
class PrefixedHostUploadTest {
    @TempDir
    Path dir;

    @Test
    void anUploadLandsInsideTheViewAndClosingTheViewLeavesTheHostOpen() throws Exception {
        SimHost host = SimHost.create(dir.resolve("host"), SimHostSpec.defaults());
        host.run(dev.jailspec.host.Command.of("mkdir", "-p", "/jails/x/compat/rocky/etc")).orThrow();
        Path local = Files.writeString(dir.resolve("resolv.conf"), "nameserver 192.168.7.1\n");
        PrefixedHost view = PrefixedHost.jail(host, "x", "/jails/x").chroot("/compat/rocky");

        view.upload(local, "/etc/resolv.conf", 0644);
        view.close();

        assertThat(host.readText("/jails/x/compat/rocky/etc/resolv.conf")).isEqualTo("nameserver 192.168.7.1\n");
        assertThat(host.stat("/etc/resolv.conf").map(s -> host.readText("/etc/resolv.conf")))
                .as("the host's own /etc/resolv.conf").isNotEqualTo(java.util.Optional.of("nameserver 192.168.7.1\n"));
        assertThat(host.list("/jails/x/compat/rocky/etc")).contains("resolv.conf");
    }
}
