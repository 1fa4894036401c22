@runbook
Feature: Release template
  A snapshot thin jail grows from a FreeBSD release template: one ZFS dataset holding the
  release's base system, frozen as the snapshot "@base". Each jail is a ZFS clone of that
  snapshot, so it takes almost no space and is ready in seconds.

  Names come from the settings, never from this text: the ZFS root is jailspec.zfs.root
  ("zdata/jails" in the how-to, mounted at jailspec.zfs.mountpoint "/zdata/jails") and the
  release is jailspec.freebsd.release ("14.3-RELEASE" in the how-to; by default the host's own
  release, on the simulated host the newest supported release in the catalogue on the run's
  date). The report lists the
  values in effect. A release past its end of life has left the mirror's releases/ directory for
  the archive (jailspec.freebsd.archiveMirror), where its base.txz is fetched from.

  How the base system gets into the template is jailspec.freebsd.template, the template kind:
  - dist (how-to steps 3 and 5 to 10): the release's base.txz is fetched, checked against the
    release MANIFEST and extracted, then patched with freebsd-update. freebsd-update refuses to
    fetch without a terminal unless told it runs from a script (--not-running-from-cron), and with
    -b it must be told the template's release (--currently-running), or it patches by the host's
    release.
  - pkgbase (FreeBSD 15.0 and later): pkg installs the set FreeBSD-set-minimal-jail from the
    FreeBSD-base repository into the template (pkg --rootdir, with jailspec's own repository
    directory, --repo-conf-dir, so the host's /etc/pkg stays as it is; the host's signing keys
    /usr/share/keys/pkgbase-15 are copied in first, and the repository names them as the template
    sees them, since pkg reads them under --rootdir), then patches it with pkg upgrade. pkg cannot
    detect the ABI of an empty root, so it is given (-o ABI=FreeBSD:15:amd64), with
    IGNORE_OSVERSION and ASSUME_ALWAYS_YES, so nothing asks. Its template is named after its kind
    ("15.1-RELEASE-pkgbase"), so both kinds can be kept side by side.
  The report shows the commands the kind in effect ran. The template is built once and reused by
  later runs.

  Scenario: The jail datasets form one tree under the ZFS root
    When the jail dataset tree is created under the ZFS root
    Then the ZFS root holds the datasets "media", "templates" and "containers"
    And each of them is mounted below the ZFS mountpoint

  Scenario: The release template holds the base system and is frozen as "@base"
    Given the jail dataset tree exists under the ZFS root
    When the template dataset of the release is created
    And the release's base system is put into the template as the template kind says
    And the template is patched as the template kind says, without a terminal
    And the template is snapshotted as "@base"
    Then the template snapshot "@base" exists
    And the template contains the FreeBSD base system of the release
