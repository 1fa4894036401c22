@runbook
Feature: Start the Linux jail and verify it
  The jail starts with "service jail start". rc.d/jail exits 0 even when a jail failed to start,
  so jailspec confirms with jls. Then it checks, from inside the jail, what a person would check
  by hand: the network, the Linux mounts, the Rocky userland and dnf.

  How-to steps 19 to 22. Step 20's interactive shell becomes commands run with
  "jexec <jail> chroot /compat/rocky ...".

  The scenarios tagged @read-only only look at the jail, so they share one: the first builds it,
  each that passes leaves it running for the next, and the dnf scenario, which changes the
  userland, first tears it down and builds its own. A read-only scenario run alone builds its own.

  Background:
    Given the Linux jail is running with the Rocky userland

  @read-only
  Scenario: The jail runs at its path
    Then within 30 seconds jls shows the jail running at its path

  @read-only
  Scenario: The jail has its own network stack
    Then inside the jail the epair's "b" side has the jail's address
    And inside the jail the default route goes to the gateway

  @read-only
  Scenario: The Linux file systems are mounted under /compat/rocky
    Linux programs read their mounts from /proc/self/mountinfo, which linprocfs fills with what
    the jail may see (enforce_statfs=1), under Linux's names (linprocfs is "proc", linsysfs
    "sysfs") and with the jail's paths: linprocfs strips only compat.linux.emul_path
    (/compat/linux), so the Rocky userland sees "/compat/rocky/proc". Shells, ssh and dnf's
    scriptlets need a pseudo-terminal: /dev/ptmx and /dev/pts in the Linux /dev.
    Then inside the jail these file systems are mounted:
      | type      | mount point            |
      | devfs     | /compat/rocky/dev      |
      | tmpfs     | /compat/rocky/dev/shm  |
      | fdescfs   | /compat/rocky/dev/fd   |
      | linprocfs | /compat/rocky/proc     |
      | linsysfs  | /compat/rocky/sys      |
    And "/compat/rocky/dev/shm" is mounted with mode 1777
    And /proc/self/mountinfo in the Linux userland lists these mounts:
      | type    | mount point           |
      | devfs   | /compat/rocky/dev     |
      | tmpfs   | /compat/rocky/dev/shm |
      | fdescfs | /compat/rocky/dev/fd  |
      | proc    | /compat/rocky/proc    |
      | sysfs   | /compat/rocky/sys     |
    And a pseudo-terminal can be opened in the Linux userland

  @read-only
  Scenario: The Linux userland reaches no host device and no host directory it was not given
    The Linux /dev is a second devfs. jail(8) gives a devfs ruleset only to the jail's own /dev,
    so jailspec mounts this one with its own ruleset (jailspec.linux.devfsRuleset, defined in
    /etc/devfs.rules): what the jail's ruleset 4 shows, plus shm and fd. Without it root in the
    jail would see the host's disks and memory. The host's /tmp and /home are shared only when
    jailspec.linux.hostDirs names them.
    Then the Linux userland's /dev holds no disk, mem, kmem or io node
    And the Linux userland's /tmp and /home are the host's only as jailspec.linux.hostDirs asks

  @read-only
  Scenario: The Rocky userland answers inside the jail
    The Linux ABI tells Linux programs a kernel release: the host's compat.linux.osrelease, which
    a jail copies when it is created (its linux.osrelease parameter can set its own). glibc refuses
    to start on a release older than the one it was built for ("FATAL: kernel too old"). The report
    notes all three values.
    Then "cat /etc/os-release" in the Linux userland names Rocky Linux of the configured major release
    And the Linux kernel release the userland sees is at least the one its glibc requires
    And "getent hosts dl.rockylinux.org" in the Linux userland resolves the name
    And "rpm -qa" in the Linux userland lists installed packages

  Scenario: dnf updates the userland and installs the config-manager plugin
    dnf keeps its packages in the rpm database under /compat/rocky/var/lib/rpm, on the jail's
    own dataset: after the transactions the database must still be sound ("rpm --verifydb"),
    and what dnf installed must still be there once the jail has been stopped and started. A call
    the Linux ABI does not implement leaves a "linux: jid J pid P (dnf): ..." kernel message: the
    report lists every one about the jail, and one not in src/test/resources/expected-linux-dmesg.txt
    fails.
    When "dnf -y makecache" runs in the Linux userland
    And "dnf -y update" runs in the Linux userland
    And "dnf -y install dnf-command(config-manager)" runs in the Linux userland
    Then "dnf config-manager --help" in the Linux userland exits 0
    And the rpm database in the Linux userland is sound
    And the kernel logged no linux: message about the jail that is not in the project's list of expected ones
    When the jail is stopped with "service jail stop"
    And the jail is started with "service jail start"
    Then the package "dnf-plugins-core" that dnf installed is still installed in the Linux userland
