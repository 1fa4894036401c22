#!/bin/sh
# Makes a file-backed ZFS pool for jailspec on a throwaway FreeBSD CI VM (whose own disk is
# often UFS and too small to hold a pool).
#
#   sh ci-examples/freebsd/make-pool.sh [POOL [FILE [SIZE]]]
#
# Defaults: POOL=jspool, FILE=/var/tmp/jspool.img, SIZE=16G (a sparse file: a Rocky userland and
# one release template use about 2 GB). Idempotent: an existing pool of that name is kept.
# Prints the settings to pass to `mvn verify`.
#
# A file vdev must be given by its full path and is meant for testing, not production
# (zpoolconcepts(7), "Virtual Devices": "file: A regular file ... designed primarily for
# experimental purposes"). [UNVERIFIED: read in OpenZFS's man/man7/zpoolconcepts.7 as shipped,
# not at the tag FreeBSD 14.x/15.x import]
set -eu

pool=${1:-jspool}
file=${2:-/var/tmp/jspool.img}
size=${3:-16G}

die() { echo "make-pool: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (zpool create needs it)"
[ "$(uname -s)" = FreeBSD ] || die "this is for a FreeBSD host; this one is $(uname -s)"
case "$file" in
    /*) ;;
    *) die "FILE must be an absolute path (zpool create takes a file vdev by its full path), got '$file'" ;;
esac

# zfs.ko is loaded by zfs_enable=YES at boot; a UFS-only VM may not have it yet.
kldstat -q -m zfs || kldload zfs
sysrc -q zfs_enable=YES >/dev/null

if zpool list -H -o name "$pool" >/dev/null 2>&1; then
    echo "make-pool: pool $pool exists; kept"
else
    [ ! -e "$file" ] || die "$file exists but pool $pool does not: remove the file or choose another FILE"
    truncate -s "$size" "$file"
    zpool create -m "/$pool" "$pool" "$file"
    echo "make-pool: created pool $pool on $file ($size, sparse)"
fi

echo "settings: -Djailspec.zfs.root=$pool/jailspec -Djailspec.zfs.mountpoint=/$pool/jailspec"
