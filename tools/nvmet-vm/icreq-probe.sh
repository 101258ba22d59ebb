#!/usr/bin/env bash
# Readiness probe: opens a TCP connection, sends an NVMe/TCP ICReq (PDU type 00h, HLEN 128,
# PLEN 128, PFV 0, HPDA 0, no digests, MAXR2T 0) and checks that the first 8 bytes of the answer
# are an ICResp header (01 00 80 00 80 00 00 00) followed by PFV 0, 128 bytes in all.
# Prints the ICResp in hex and exits 0; exits 1 otherwise. Needs only bash and coreutils.
#   icreq-probe.sh PORT [HOST [TIMEOUT_SECONDS]]        (HOST default 127.0.0.1, timeout 3)
set -uo pipefail
PORT="${1:?usage: icreq-probe.sh PORT [HOST [TIMEOUT_SECONDS]]}"
HOST="${2:-127.0.0.1}"
WAIT="${3:-3}"
# shellcheck disable=SC2016  # the inner script expands $0/$1 itself
hex=$(timeout "$WAIT" bash -c '
  exec 3<>"/dev/tcp/$0/$1" || exit 1
  # ICReq: CH = type 00, flags 00, hlen 80, pdo 00, plen 00000080 (LE); PSH = pfv 0000, hpda 00,
  # dgst 00, maxr2t 00000000, then 112 reserved zero bytes
  { printf "\x00\x00\x80\x00\x80\x00\x00\x00"; head -c 120 /dev/zero; } >&3
  head -c 128 <&3 | od -An -v -tx1 | tr -d " \n"
' "$HOST" "$PORT" 2>/dev/null)
if [ "${#hex}" -eq 256 ] && [ "${hex:0:20}" = 01008000800000000000 ]; then
  echo "$hex"
  exit 0
fi
echo "no ICResp from $HOST:$PORT (got ${#hex} hex digits: ${hex:0:32})" >&2
exit 1
