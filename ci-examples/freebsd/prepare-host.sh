#!/bin/sh
# Prepares a throwaway FreeBSD CI VM for one cell of jailspec's release matrix: Java and Maven
# from pkg, a file-backed ZFS pool, the bridge with NAT. Run as root from the project root.
#
#   sh ci-examples/freebsd/prepare-host.sh
#
# Environment (all optional): JAILSPEC_CI_POOL (jspool), JAILSPEC_CI_POOL_FILE
# (/var/tmp/jspool.img), JAILSPEC_CI_POOL_SIZE (16G), JAILSPEC_CI_BRIDGE (jsbridge0),
# JAILSPEC_CI_GATEWAY (192.168.7.221/24).
set -eu
cd "$(dirname "$0")/../.."

# openjdk17 and maven are the package names of java/openjdk17 and devel/maven in the ports tree.
# [UNVERIFIED: package names read in freebsd-ports' Makefiles (PORTNAME), not at a quarterly branch]
env ASSUME_ALWAYS_YES=yes pkg install -y openjdk17 maven

sh ci-examples/freebsd/make-pool.sh "${JAILSPEC_CI_POOL:-jspool}" "${JAILSPEC_CI_POOL_FILE:-/var/tmp/jspool.img}" \
    "${JAILSPEC_CI_POOL_SIZE:-16G}"
sh ci-examples/freebsd/make-bridge.sh "${JAILSPEC_CI_BRIDGE:-jsbridge0}" "${JAILSPEC_CI_GATEWAY:-192.168.7.221/24}"
