@runbook
Feature: Thin jail
  The jail (jailspec.jail.name, "lrdev" in the how-to) is a ZFS clone of the template's "@base"
  snapshot with a VNET network stack of its own: an epair whose "a" side joins the host bridge
  (jailspec.bridge, "igc0bridge") and whose "b" side moves into the jail with the address
  jailspec.jail.address ("192.168.7.253/24") and the default route jailspec.jail.gateway
  ("192.168.7.221").

  Its configuration is one self-contained file, /etc/jail.conf.d/<jail>.conf. The how-to also
  replaces the host's /etc/jail.conf; we never do: that file belongs to every jail on the host.

  How-to steps 12, 14, 15 and 19 (step 1, jails at boot, is in the host preflight).

  Background:
    Given the release template is snapshotted as "@base"

  Scenario: The jail's dataset is a clone of the template snapshot
    The clone inherits exec, setuid and readonly from the datasets above it: an "exec=off" set
    on the containers dataset or the pool (a common hardening) stops every program in the jail,
    so the jail does not start. The check names the dataset a wrong value comes from.
    When the template snapshot is cloned to the jail's dataset
    Then the jail's dataset has the template snapshot "@base" as its origin
    And the jail's dataset is mounted at the jail's path
    And the jail's dataset lets the userland run: exec and setuid on, readonly off

  Scenario: The jail starts from its own configuration file and runs at its path
    Given jails are enabled in rc.conf
    And the template snapshot is cloned to the jail's dataset
    When the jail's configuration is written to its file in /etc/jail.conf.d
    Then the configuration gives the jail its path, its VNET interface and devfs ruleset 4
    When the jail is started with "service jail start"
    Then within 30 seconds jls shows the jail running at its path

  Scenario: A stopped jail leaves the jail list
    Given the jail is running
    When the jail is stopped with "service jail stop"
    Then within 30 seconds jls no longer lists the jail
