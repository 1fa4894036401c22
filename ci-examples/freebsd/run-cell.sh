#!/bin/sh
# Runs the features for one cell of the release matrix on this FreeBSD host (target `local`, as
# root), after prepare-host.sh. Run from the project root.
#
#   sh ci-examples/freebsd/run-cell.sh FREEBSD_RELEASE ROCKY_RELEASE
#   e.g. sh ci-examples/freebsd/run-cell.sh 14.4-RELEASE 9
#
# The jail takes .253 of the gateway's network (JAILSPEC_CI_JAIL_ADDRESS, e.g. 10.0.0.9/28, for
# another). Leaves reports/ (allure-results, events.jsonl, runbook) and reports/transcripts (every host
# command, for the fidelity bundle) for the CI job to upload. Exits as `mvn verify` does.
set -eu
cd "$(dirname "$0")/../.."

[ $# -eq 2 ] || { echo "usage: run-cell.sh FREEBSD_RELEASE ROCKY_RELEASE (e.g. 14.4-RELEASE 9)" >&2; exit 2; }
freebsd=$1
rocky=$2
case "$freebsd" in
    [0-9]*.[0-9]*-RELEASE) ;;
    *) echo "run-cell.sh: FREEBSD_RELEASE is a release name like 14.4-RELEASE, got '$freebsd'" >&2; exit 2 ;;
esac
case "$rocky" in
    [0-9]|[0-9][0-9]) ;;
    *) echo "run-cell.sh: ROCKY_RELEASE is a major release like 9, got '$rocky'" >&2; exit 2 ;;
esac

pool=${JAILSPEC_CI_POOL:-jspool}
gateway=${JAILSPEC_CI_GATEWAY:-192.168.7.221/24}
prefix=${gateway#*/}
network=${gateway%.*}

# The report's browser check needs Chromium, which the VM does not have; the merge job checks
# the merged report instead. CI=true (passed into the VM) would make the check required.
exec mvn -B verify \
    -Djailspec.target=local \
    -Djailspec.zfs.root="$pool/jailspec" \
    -Djailspec.zfs.mountpoint="/$pool/jailspec" \
    -Djailspec.freebsd.release="$freebsd" \
    -Djailspec.rocky.release="$rocky" \
    -Djailspec.bridge="${JAILSPEC_CI_BRIDGE:-jsbridge0}" \
    -Djailspec.jail.gateway="${gateway%/*}" \
    -Djailspec.jail.address="${JAILSPEC_CI_JAIL_ADDRESS:-$network.253/$prefix}" \
    -Djailspec.record=reports/transcripts \
    -Dreport.browserCheck=optional
