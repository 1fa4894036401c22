@runbook @optional
Feature: Optional Rocky initialisation
  The how-to's step 23 (its linux_jail_init_rocky page): more repositories for a desktop-like
  userland, all commands run with "jexec <jail> chroot /compat/rocky ...". Off by default because
  it adds third-party repositories and needs network; run it with mvn verify -Dfeatures.exclude=

  23a and 23b (dnf update, the config-manager plugin) are steps 21 and 22 of the 05 feature; the
  plugin is installed again below because config-manager needs it.

  The RPM Fusion URLs end in the EL major release (<major> below: jailspec.rocky.release, 9 or 10). The how-to writes $(rpm -E %rhel) in the URL;
  jailspec runs "rpm -E %rhel" on its own and builds the URL from what it prints, without a shell.

  Left out on purpose: 23h, "dnf groupupdate core --allowerasing". --allowerasing lets dnf remove
  installed packages to solve conflicts, which an acceptance run should not do unasked.

  The how-to names no file for 23i's max_parallel_downloads=5. jailspec writes it to
  /etc/dnf/dnf.conf, dnf's usual configuration file on Rocky; that path is a convention, not the
  how-to's word.

  Background:
    Given the Linux jail is running with the Rocky userland
    And "dnf -y install dnf-command(config-manager)" runs in the Linux userland

  Scenario: CRB and EPEL are enabled (23c, 23d)
    When "dnf config-manager --set-enabled crb" runs in the Linux userland
    And "dnf -y install epel-release" runs in the Linux userland
    Then "dnf repolist" in the Linux userland lists the repositories "crb" and "epel"
    And "/usr/bin/crb status" in the Linux userland prints "CRB repo is enabled and named: crb"

  Scenario: RPM Fusion free and non-free are added (23e to 23g)
    Given "dnf config-manager --set-enabled crb" runs in the Linux userland
    And "dnf -y install epel-release" runs in the Linux userland
    When the RPM Fusion free release package for this EL major release is installed without GPG check
    And the RPM Fusion nonfree release package for this EL major release is installed without GPG check
    Then the lines of "dnf repolist" in the Linux userland that contain "rpmfusion" are:
      """
      rpmfusion-free-updates    RPM Fusion for EL <major> - Free - Updates
      rpmfusion-nonfree-updates RPM Fusion for EL <major> - Nonfree - Updates
      """

  Scenario: dnf downloads 5 packages at a time, and the userland is updated (23i, 23j)
    When the Linux userland's "/etc/dnf/dnf.conf" has "max_parallel_downloads=5" in its [main] section
    Then "cat /etc/dnf/dnf.conf" in the Linux userland shows "max_parallel_downloads=5" in the [main] section
    And "dnf -y update" in the Linux userland exits 0
