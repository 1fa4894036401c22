#!/bin/sh
# Makes the bridge a jailspec jail joins on a throwaway FreeBSD CI VM, with the jail's gateway
# address on the bridge and NAT (pf) from the jail's network to the VM's default route, so dnf in
# the Linux userland reaches the Rocky mirrors.
#
#   sh ci-examples/freebsd/make-bridge.sh [BRIDGE [GATEWAY/PREFIX]]
#
# Defaults: BRIDGE=jsbridge0, GATEWAY/PREFIX=192.168.7.221/24 (the jail then takes another
# address of that network, e.g. 192.168.7.253/24). Idempotent. Prints the settings to pass on.
#
# The gateway address goes on the bridge itself, never on a member: FreeBSD 15 refuses IP
# addresses on bridge members unless net.link.bridge.member_ifaddrs=1 (freebsd-facts 9.5).
# pf's nat rule: pf.conf(5), "TRANSLATION"; forwarding: net.inet.ip.forwarding (inet(4)).
# [UNVERIFIED: pf.conf(5) and inet(4) read as published on man.freebsd.org, not at a releng tag]
set -eu

bridge=${1:-jsbridge0}
gateway=${2:-192.168.7.221/24}
anchor_file=/etc/pf.jailspec.conf

die() { echo "make-bridge: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (ifconfig and pfctl need it)"
[ "$(uname -s)" = FreeBSD ] || die "this is for a FreeBSD host; this one is $(uname -s)"
case "$gateway" in
    */*) ;;
    *) die "GATEWAY/PREFIX needs its prefix length, e.g. 192.168.7.221/24 (FreeBSD 15's ifconfig refuses an address without a netmask), got '$gateway'" ;;
esac
case "$bridge" in
    *[!A-Za-z0-9_]*|'') die "bridge name '$bridge': letters, digits and _ only" ;;
esac
address=${gateway%/*}
prefix=${gateway#*/}
# The jail network for pf, written as the gateway's address with its prefix length: pfctl applies
# the mask (pf.conf(5), "addresses can be specified in CIDR notation").
# [UNVERIFIED: that pfctl clears the host bits of 192.168.7.221/24 itself was not read in pfctl's
# parser; a FreeBSD run of this script shows it in `pfctl -s nat`]
jailnet="$address/$prefix"

if ifconfig "$bridge" >/dev/null 2>&1; then
    echo "make-bridge: $bridge exists; kept"
else
    created=$(ifconfig bridge create)
    ifconfig "$created" name "$bridge" >/dev/null
    echo "make-bridge: created $bridge (was $created)"
fi
ifconfig "$bridge" inet "$gateway" up

ext_if=$(route -n get -inet default | awk '$1 == "interface:" { print $2 }')
[ -n "$ext_if" ] || die "no default route: the jail would have no way out (route -n get default)"

sysctl net.inet.ip.forwarding=1 >/dev/null
sysrc -q gateway_enable=YES >/dev/null

# pf: our rules in a file of their own. An /etc/pf.conf that is not ours is left alone: then the
# NAT rule below must be added to it by hand.
rule="nat on $ext_if inet from $jailnet to any -> ($ext_if)"
if [ -e /etc/pf.conf ] && ! grep -q '^# jailspec make-bridge' /etc/pf.conf; then
    die "/etc/pf.conf exists and is not ours: add this rule to it and reload pf (pfctl -f /etc/pf.conf): $rule"
fi
printf '%s\n%s\n' "# jailspec make-bridge: NAT for the jail network $jailnet on $bridge" "$rule" >"$anchor_file"
printf '%s\n%s\n' "# jailspec make-bridge: rules are in $anchor_file" "include \"$anchor_file\"" >/etc/pf.conf
kldstat -q -m pf || kldload pf
pfctl -q -f /etc/pf.conf
# pfctl -e fails when pf is enabled already, so ask first.
pfctl -s info | grep -q '^Status: Enabled' || pfctl -q -e
sysrc -q pf_enable=YES >/dev/null

echo "settings: -Djailspec.bridge=$bridge -Djailspec.jail.gateway=$address"
