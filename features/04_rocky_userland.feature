@runbook
Feature: Rocky Linux userland
  The jail's Linux userland is the Rocky Linux Container-Base image (jailspec.rocky.release, "9"),
  extracted into /compat/rocky inside the jail. Container images have no systemd, which a jail
  does not want anyway. The Minimal image has no dnf: it is refused.

  Corrections to the how-to (steps 16 to 18): the image is checked against Rocky's published
  CHECKSUM before use; since Rocky 9.7 the Container-Base ".latest" file is an OCI image archive,
  not a root file system, so its layers are applied in order (the how-to's plain "tar xfp" would
  leave a useless tree); and the host's own tar extracts it, keeping owners, modes, setuid bits
  and links.

  How-to steps 16, 17 and 18.

  Background:
    Given the release template is snapshotted as "@base"
    And the template snapshot is cloned to the jail's dataset

  Scenario: The Container-Base image becomes the jail's /compat/rocky
    When the Rocky Linux image is fetched, checked against its CHECKSUM and extracted into "/compat/rocky"
    Then "/compat/rocky/etc/os-release" in the jail names Rocky Linux of the configured major release
    And the userland has "/usr/bin/dnf" and "/usr/bin/rpm"
    And "/compat/rocky/usr/bin/passwd" in the jail keeps its setuid bit
    And "/compat/rocky/etc/resolv.conf" in the jail is the host's resolv.conf
