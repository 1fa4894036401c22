@runbook
Feature: Teardown
  After every scenario jailspec stops the jail and destroys what the scenario created: the
  jail's clone, its configuration file, its epair, the rc.conf values it changed and its section
  of /etc/devfs.rules with the ruleset it loaded (both kept with jailspec.teardown.hostconfig=keep). The
  release template and its "@base" snapshot stay, so the next run reuses them, and so does the Linux
  template (jailspec.linux.template, "true" by default): the Rocky userland extracted once, whose "@base"
  each Linux jail clones to its /compat/rocky; the jail's clone of it goes with the jail.

  jailspec.teardown chooses when: "always" (the default), "on-success", or "never" to keep the
  jail for debugging; the console and the report then print the commands to enter it (a host
  shell, "jexec lrdev /bin/sh", and a shell of its Linux userland, "jexec lrdev chroot
  /compat/rocky /bin/bash", with the run's names) and to remove it by hand. The first failed
  scenario's kept jail stays as it failed: every later scenario of the run would build or use a jail
  of the same name, clone, epair and address, so each is skipped with a note saying why, and the
  run's report shows the one failure and what did not run.

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

  Scenario: Teardown takes the Linux /dev's devfs ruleset out of /etc/devfs.rules and the kernel
    Given the Linux jail is running with the Rocky userland
    When the scenario's changes are torn down
    Then /etc/devfs.rules and the kernel hold jailspec's devfs ruleset only if jailspec.teardown.hostconfig is keep
    And the jail's clone of the Linux template no longer exists, and the Linux template's "@base" stays
