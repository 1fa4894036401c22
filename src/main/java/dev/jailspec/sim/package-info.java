/**
 * A strict simulated FreeBSD 14.x host inside the JVM, of the release its
 * {@link dev.jailspec.sim.SimHostSpec} names (a run takes {@code jailspec.sim.release}; the spec's
 * defaults, for the simulator's own tests, are the how-to's 14.3): the harness's test double and
 * the first thing a newcomer runs.
 *
 * <pre>{@code
 * SimHost host = SimHost.create(dir, SimHostSpec.defaults());   // zdata pool, igc0 on igc0bridge
 * host.run(Command.of("sysrc", "jail_enable=YES"));              // "jail_enable: NO -> YES"
 * host.run(Command.of("zfs", "create", "-p", "zdata/jails/templates/14.3-RELEASE"));
 * host.run(Command.of("service", "jail", "start", "lrdev"));     // "Starting jails: lrdev."
 * host.run(Command.of("jexec", "lrdev", "ifconfig", "epair253b"));
 * }</pre>
 *
 * <p>The directory given stands for "/"; paths resolve inside it as under chroot, and a path that
 * climbs above it is refused. ZFS datasets are directories at their mount points, snapshots are
 * frozen copies, clones start as copies. Datasets, jails, interfaces, mounts and routes are kept in
 * {@code /var/db/jailspec-sim/state.json}, so a later SimHost over the same directory is the same
 * host.
 *
 * <p>Programs (bare name or their FreeBSD path) are the ones {@code Programs} lists, one class each:
 * file tools ({@code mkdir}, {@code test}, {@code cat}, {@code ls}, {@code rm}, {@code cp}, {@code sh},
 * {@code tar}, {@code sha256}, {@code fetch}), system tools ({@code sysrc}, {@code service} with
 * rc.d/jail, rc.d/devfs and rc.d/linux, {@code devfs}, {@code hostname}, {@code uname}, {@code freebsd-version},
 * {@code freebsd-update}, {@code sysctl}, {@code id}, {@code kldstat}, {@code kldload}), ZFS
 * ({@code zfs}), jails ({@code jls}, {@code jexec}, {@code chroot}, jail(8) as rc.d/jail runs it, with
 * its exec.* commands and mounts),
 * network ({@code ifconfig}, {@code route}) and {@code mount}. Inside a jail a program runs only if
 * its file exists under the jail's path; inside a Linux userland ({@code chroot /compat/rocky ...})
 * the few Rocky programs of {@code LinuxUserland} ({@code bash}, {@code cat}, {@code test},
 * {@code getent}, {@code rpm}, {@code dnf}, {@code crb}) run while linux64.ko is loaded. The
 * faults of {@code jailspec.sim.faults} ({@code SimFaults}) are checked before every program, and
 * {@code sim.fixtures} makes the release files and serves them on loopback.
 *
 * <p>Strictness: what the real program rejects is rejected with its text and status (sources are
 * cited in each class, as FreeBSD or libarchive source files or {@code freebsd-facts N.N}); what a
 * real host would do but the simulation does not model throws
 * {@link dev.jailspec.sim.SimUnsupportedException} rather than guessing. Not modelled: processes
 * (a jail lives if it is {@code persist} or ran {@code /etc/rc}, and one that made connections stays
 * dying for a while after {@code jail -r}, {@code jailspec.sim.dying}), IPv6, ZFS native properties
 * beyond name, type, creation, used, available, referenced, mounted, origin and mountpoint (user
 * properties are kept). Where each behaviour comes from, and what is unverified, is listed in
 * docs/simulator-sources.md, generated from these comments.
 */
package dev.jailspec.sim;
