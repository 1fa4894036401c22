/**
 * jail.conf(5): a model of the file, a parser that agrees with FreeBSD's own
 * ({@code usr.sbin/jail/jaillex.l}, {@code jailparse.y}), a canonical renderer, include loading
 * and the effective parameters of one jail as {@code config.c} computes them.
 *
 * <p>Depends on the JDK only, so both the simulated host and the real-host checks can use it.
 */
package dev.jailspec.jailconf;
