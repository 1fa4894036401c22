@runbook
Feature: Host preflight
  Before anything on the host is changed, jailspec checks that the host can carry a Linux jail.
  A host that is not ready stops the run here, with what to fix, and nothing is changed.

  The how-to assumes all of this (its "step 0"): a ZFS pool, the bridge the jails join, and a
  release new enough for /etc/jail.conf.d. It leaves out the Linux ABI, which the FreeBSD
  Handbook enables with sysrc and "service linux start"; without it no Linux binary runs.

  The how-to used 14.3-RELEASE, which reached its end of life on June 30, 2026: freebsd-update
  then refuses to patch it. So the release under test must be supported on the run's date
  (jailspec.clock, today by default), or the run stops here naming its end-of-life date and the
  supported releases; jailspec.freebsd.allowEol=true builds an unpatched template on purpose.

  The Linux userland is built for a CPU level: Rocky Linux 9 for x86-64-v2, Rocky 10 for
  x86-64-v3 (AVX2, BMI1/2, FMA, ...). The CPU features the kernel found at boot are in
  /var/run/dmesg.boot; a CPU without the level stops the run here, before the image is fetched,
  naming what it lacks.

  Scenario: The host can carry a Linux jail
    Then the host passes the preflight checks:
      | check                            |
      | running as root                  |
      | supported FreeBSD release        |
      | release under test supported     |
      | ZFS pool                         |
      | bridge                           |
      | CPU level for the Linux userland |

  Scenario: Jails start at boot, in parallel (how-to step 1)
    When jails are enabled in rc.conf
    Then rc.conf sets "jail_enable" to "YES"
    And rc.conf sets "jail_parallel_start" to "YES"

  Scenario: The Linux ABI is enabled and its 64-bit kernel file is loaded
    The check asks for the file linux64.ko, not a module called "linux64": the file registers
    the module "linux64elf", and "linux64" is only its version tag, which kldstat -m never finds.

    When the Linux ABI is enabled with sysrc and "service linux start"
    Then rc.conf sets "linux_enable" to "YES"
    And kldstat shows the kernel file "linux64.ko" loaded
