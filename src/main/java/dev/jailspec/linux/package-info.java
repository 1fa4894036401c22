/**
 * The Linux userland. {@link dev.jailspec.linux.LinuxDistribution} is the seam: what one
 * distribution's userland is to the procedure (image and checksum listing, required files,
 * package manager, release catalogue, add-on repositories), chosen by jailspec.linux.distribution
 * from {@link dev.jailspec.linux.LinuxDistributions}; each distribution is implemented in its own
 * package ({@code linux.rocky}). Beside it, the userland's own text as the harness reads and
 * writes it: the output of {@code dnf repolist} ({@link dev.jailspec.linux.DnfRepolist}) and INI
 * files such as {@code /etc/dnf/dnf.conf} ({@link dev.jailspec.linux.IniFile}). Pure functions
 * and data: no host, no FreeBSD; what runs the commands and moves the files is {@code provision}'s.
 */
package dev.jailspec.linux;
