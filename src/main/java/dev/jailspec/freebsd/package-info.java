/**
 * Typed operations on the FreeBSD tools the harness drives (zfs, jls, jexec, sysrc,
 * {@code service jail}, kldstat, freebsd-version, uname, ifconfig, mount, route) and pure
 * parsers of their output.
 *
 * <p>Pattern (pytest-testinfra modules): each tool class takes a {@link dev.jailspec.host.Host},
 * checks its arguments before anything runs, builds an argument vector (never a shell string),
 * runs it, and parses the output into records. A failing command raises
 * {@link dev.jailspec.host.CommandFailedException} carrying the whole result. Parsers are separate
 * classes with static methods so they can be tested against recorded transcripts.
 *
 * <p>"freebsd-facts N.N" in comments refers to a section of
 * {@code shared/reference/freebsd-facts.md}.
 */
package dev.jailspec.freebsd;
