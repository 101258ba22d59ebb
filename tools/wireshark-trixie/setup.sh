#!/usr/bin/env bash
# A current tshark (Debian trixie, 4.4) in a debootstrap chroot under tools/wireshark-trixie/.cache, beside the
# machine's own (Debian 12 has 4.0, which has no MCTP or NVMe-MI dissector). Used by the tests that prove the
# captures attached to failures decode as MCTP and NVMe-MI. Nothing is installed into the host system but
# debootstrap itself; the host's apt configuration is not changed. Idempotent: a ready chroot is kept.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.cache/trixie"
if [ -x "$root/usr/bin/tshark" ]; then
  echo "wireshark-trixie: $("$here/tshark" --version | head -1) ready in $root"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
command -v debootstrap >/dev/null 2>&1 || { apt-get update; apt-get install -y --no-install-recommends debootstrap; }
# the mirror the host's apt uses (deb822 or one-line format), else Debian's own
mirror="$(sed -n 's/^URIs: *\(http[^ ]*debian\)\/*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)"
[ -n "$mirror" ] || mirror="$(sed -n 's/^deb \(http[^ ]*debian\)\/* .*/\1/p' /etc/apt/sources.list 2>/dev/null | head -1)"
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
rm -rf "$root.partial"
mkdir -p "$(dirname "$root")"
debootstrap --variant=minbase trixie "$root.partial" "$mirror"
cp /etc/resolv.conf "$root.partial/etc/resolv.conf"
chroot "$root.partial" sh -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tshark'
mv "$root.partial" "$root"
echo "wireshark-trixie: $("$here/tshark" --version | head -1) ready in $root"
