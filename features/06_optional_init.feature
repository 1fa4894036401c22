@runbook @optional
Feature: Optional Rocky initialisation
  The how-to's step 23 (its linux_jail_init_rocky page): more repositories for a desktop-like
  userland. Off by default because it adds third-party repositories; run it with
  mvn verify -Dfeatures.exclude=

  Background:
    Given the Linux jail is running with the Rocky userland
    And "dnf -y install dnf-command(config-manager)" runs in the Linux userland

  Scenario: CRB and EPEL are enabled
    When "dnf config-manager --set-enabled crb" runs in the Linux userland
    And "dnf -y install epel-release" runs in the Linux userland
    Then "dnf repolist" in the Linux userland lists the repositories "crb" and "epel"
