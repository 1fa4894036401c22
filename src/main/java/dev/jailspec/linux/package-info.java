/**
 * The Linux userland's own text, as the harness reads and writes it: the output of
 * {@code dnf repolist} ({@link dev.jailspec.linux.DnfRepolist}), INI files such as
 * {@code /etc/dnf/dnf.conf} ({@link dev.jailspec.linux.IniFile}), and the URLs of RPM Fusion's
 * release packages ({@link dev.jailspec.linux.RpmFusion}). Pure functions over strings: no host,
 * no FreeBSD; what runs the commands and moves the files is {@code provision}'s.
 */
package dev.jailspec.linux;
