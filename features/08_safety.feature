@runbook
Feature: Safety
  jailspec marks what it creates on the host: ZFS datasets and snapshots carry the user properties
  jailspec:owner and jailspec:run (the run's id), the files it writes start with
  "# jailspec:owner run=<id>", and the jail's epair is described "jail:<name>". Teardown and the
  reaper at the start of a run remove only what carries the mark. Anything else in the way stops
  the run with a message that names it and says how to proceed, and is left as it was.

  The unit tests go further on the simulated host: a fault injected into each command of the
  runbook (jailspec.sim.faults), a JVM killed in the middle of a run, a second run waiting for the
  host's lock.

  Background:
    Given the release template is snapshotted as "@base"

  Scenario: What jailspec creates carries its mark
    Given the jail is running
    Then the jail's dataset carries this run's mark
    And the jail's configuration file starts with this run's mark
    And the host side of the jail's epair is described as the jail's

  Scenario: A dataset jailspec did not create is refused and left alone
    Given a dataset that jailspec did not create is where the jail's clone goes
    Then cloning the template snapshot to the jail's dataset is refused, naming that dataset
    When the scenario's changes are torn down
    Then that dataset still exists
