/**
 * A strict simulated FreeBSD 14.3 host inside the JVM: the harness's test double and the first
 * thing a newcomer runs.
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
 * <p>Programs (bare name or their FreeBSD path): {@code zfs}, {@code sysrc}, {@code service}
 * ({@code jail} only), {@code jls}, {@code jexec}, {@code ifconfig}, {@code route}, {@code mount}
 * (listing), {@code mkdir}, {@code test}, {@code cat}, {@code rm}, {@code cp}, {@code hostname},
 * {@code sh}. Inside a jail a program runs only if its file exists under the jail's path.
 *
 * <p>Strictness: what the real program rejects is rejected with its text and status (sources are
 * cited as {@code freebsd-facts N.N} in each class); what a real host would do but the simulation
 * does not model throws {@link dev.jailspec.sim.SimUnsupportedException} rather than guessing.
 * Not modelled: processes (a jail lives if it is {@code persist} or ran {@code /etc/rc}), the
 * effects of rc scripts, nullfs contents, IPv6, kernel modules, ZFS properties beyond name, type,
 * creation, used, available, referenced, mounted, origin, mountpoint and user properties.
 */
package dev.jailspec.sim;
