#!/usr/bin/env bash
# Stops the VM that start.sh started for a port: kills exactly the PID recorded in
# $CACHE/run/port-N/qemu.pid, after checking that this PID is still that QEMU (its executable is
# qemu-system-x86_64 and its command line names this instance's run directory).
#   stop.sh [--port N]      (default: $NVMET_VM_PORT or 4420)
# Exit 0 when that VM is not running (any more); 1 when the PID belongs to something else.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${NVMET_VM_CACHE:-$HERE/.cache}"
PORT="${NVMET_VM_PORT:-4420}"
case "${1:-}" in
  --port) PORT="${2:?--port needs a value}" ;;
  '') ;;
  *) echo "usage: stop.sh [--port N]" >&2; exit 2 ;;
esac
RUN="$CACHE/run/port-$PORT"
PIDFILE="$RUN/qemu.pid"
[ -f "$PIDFILE" ] || { echo "nvmet-vm: nothing to stop for port $PORT"; exit 0; }
PID=$(cat "$PIDFILE")
[[ "$PID" =~ ^[0-9]+$ ]] || { echo "stop.sh: bad pid file $PIDFILE" >&2; exit 1; }
if [ ! -d "/proc/$PID" ]; then
  echo "nvmet-vm: pid $PID (port $PORT) already gone"; rm -f "$PIDFILE" "$RUN/ready"; exit 0
fi
exe=$(readlink "/proc/$PID/exe" 2>/dev/null || true)
if [ "$(basename "${exe% (deleted)}")" != qemu-system-x86_64 ] \
   || ! tr '\0' '\n' < "/proc/$PID/cmdline" | grep -qxF "file:$RUN/console.log"; then
  echo "stop.sh: pid $PID is not the QEMU of $RUN (exe: ${exe:-?}); not killing it" >&2
  exit 1
fi
kill -TERM "$PID"
for _ in $(seq 50); do [ -d "/proc/$PID" ] || break; sleep 0.1; done
if [ -d "/proc/$PID" ]; then kill -KILL "$PID"; sleep 0.2; fi
if [ -d "/proc/$PID" ] && ! grep -q '^State:.*Z' "/proc/$PID/status" 2>/dev/null; then
  echo "stop.sh: pid $PID still running" >&2; exit 1
fi
rm -f "$PIDFILE" "$RUN/ready"
echo "nvmet-vm: stopped qemu pid $PID (port $PORT)"
