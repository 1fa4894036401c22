@runbook
Feature: Teardown
  After every scenario jailspec stops the jail and destroys what the scenario created: the
  jail's clone, its configuration file, its epair, and the rc.conf values it changed. The
  release template and its "@base" snapshot stay, so the next run reuses them.

  jailspec.teardown chooses when: "always" (the default), "on-success", or "never" to keep the
  jail for debugging; the report then says how to remove it by hand.

  A jail that made network connections can stay "dying" for a while after it is stopped: jls
  no longer lists it, "jls -d" does, and its dataset is busy until the kernel frees it. Teardown
  waits for that (a reported wait, at most jailspec.teardown.dying.wait) before it destroys the
  clone; a jail still dying after that fails the teardown, naming "jls -d -j <jail>".

  Scenario: Teardown leaves the host as it was, but for the template
    Given the jail is running
    When the scenario's changes are torn down
    Then within 5 seconds jls no longer lists the jail
    And the jail's dataset no longer exists
    And the jail's configuration file no longer exists
    And the template snapshot "@base" exists
