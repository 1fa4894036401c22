package dev.jailspec.provision;

import dev.jailspec.config.Settings;
import dev.jailspec.freebsd.ReleaseVersion;
import dev.jailspec.sim.SimHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a cell of the release matrix can run on its host at all, decided before anything runs:
 * a cell that cannot is "not applicable" with the reason, neither a failure nor a pass. Decided here
 * only where the host is known before the run (target sim: the settings describe it); on a real
 * target the cell runs and preflight asks the host, with the same checks.
 *
 * <ul>
 *   <li>A pkgbase template of a release before 15.0 ({@link TemplateKindCheck}).</li>
 *   <li>A template newer than its host: the rule preflight applies ({@link ReleaseVersion#isNewerReleaseThan},
 *       the Handbook's "can not be newer").</li>
 *   <li>A CPU without the level the Linux userland is built for (x86-64-v3 for Rocky 10): preflight's own
 *       check ({@link LinuxUserlandChecks#cpu}) asked of the simulated host the cell would run on, whose
 *       {@code /var/run/dmesg.boot} shows {@code jailspec.sim.cpu}.</li>
 * </ul>
 */
public final class CellApplicability {
    private CellApplicability() {
    }

    /** Empty when the cell can run; else why not, for the matrix page. */
    public static Optional<String> notApplicable(Settings given) {
        if (given.target().isReal()) {
            return Optional.empty();
        }
        Settings s = RunRelease.resolve(given);
        Optional<String> kind = TemplateKindCheck.problem(s);
        if (kind.isPresent()) {
            return kind;
        }
        ReleaseVersion host = ReleaseVersion.parse(s.simRelease());
        ReleaseVersion template = ReleaseVersion.parse(s.freebsdRelease());
        if (template.isNewerReleaseThan(host)) {
            return Optional.of("a jail cannot run a newer FreeBSD than its host: a " + s.freebsdRelease()
                    + " template on a " + s.simRelease() + " host (Handbook, jails: \""
                    + ReleaseVersion.JAIL_NOT_NEWER_THAN_HOST + "\")");
        }
        Preflight.Finding cpu = onSimulatedHost(s, h -> LinuxUserlandChecks.cpu(h, LinuxUserland.of(s)));
        return cpu.ok() ? Optional.empty() : Optional.of(cpu.detail());
    }

    private static Preflight.Finding onSimulatedHost(Settings s, java.util.function.Function<SimHost, Preflight.Finding> check) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jailspec-cell-");
            return check.apply(SimHost.create(dir, TargetHost.simSpec(s), s.clock()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a simulated host to check the cell on", e);
        } finally {
            if (dir != null) {
                TargetHost.deleteTree(dir);
            }
        }
    }
}
