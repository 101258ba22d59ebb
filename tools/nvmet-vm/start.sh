#!/usr/bin/env bash
# Boots the Linux NVMe/TCP target VM in the background and returns once it answers an NVMe/TCP
# ICReq on 127.0.0.1:PORT (exit 0), or stops it and exits 1 with the console tail.
#
# Options (each also as an environment variable; options win):
#   --port N             NVMET_VM_PORT          host port on 127.0.0.1 (the guest listens on the same
#                                               number, so discovery log entries carry it)   [4420]
#   --namespaces N       NVMET_VM_NAMESPACES    RAM-disk namespaces, NSID 1..N               [2]
#   --ns-size-mib N      NVMET_VM_NS_MIB        size of each namespace (512 B blocks)        [64]
#   --nqn NQN            NVMET_VM_NQN           subsystem NQN        [nqn.2014-08.org.nvmehil:nvmet-vm]
#   --host-nqn NQN       NVMET_VM_HOST_NQN      only this host may connect (default: any host)
#   --serial SN          NVMET_VM_SERIAL        Identify Controller SN                    [NVMEHILVM0001]
#   --model MN           NVMET_VM_MODEL         Identify Controller MN                   [Linux nvmet VM]
#   --boot-timeout S     NVMET_VM_BOOT_TIMEOUT  seconds from launch to a valid ICResp         [120]
#   --mem MIB            NVMET_VM_MEM           guest RAM              [256 + namespaces x size]
#   --accel A            NVMET_VM_ACCEL         auto | kvm | tcg (auto: KVM only where a stock
#                                               kernel runs on it; PVM hosts get TCG)         [auto]
#   NVMET_VM_CACHE       cache directory (default <this dir>/.cache)
# State of an instance: $CACHE/run/port-N/ (qemu.pid, console.log, qemu.stderr, ready).
# Stop it with: stop.sh --port N
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${NVMET_VM_CACHE:-$HERE/.cache}"
PORT="${NVMET_VM_PORT:-4420}"
NAMESPACES="${NVMET_VM_NAMESPACES:-2}"
NS_MIB="${NVMET_VM_NS_MIB:-64}"
NQN="${NVMET_VM_NQN:-nqn.2014-08.org.nvmehil:nvmet-vm}"
HOST_NQN="${NVMET_VM_HOST_NQN:-}"
SERIAL="${NVMET_VM_SERIAL:-NVMEHILVM0001}"
MODEL="${NVMET_VM_MODEL:-Linux nvmet VM}"
BOOT_TIMEOUT="${NVMET_VM_BOOT_TIMEOUT:-120}"
MEM="${NVMET_VM_MEM:-}"
ACCEL="${NVMET_VM_ACCEL:-auto}"

die() { echo "start.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || [ "$1" = -h ] || [ "$1" = --help ] || die "$1 needs a value"
  case "$1" in
    --port) PORT=$2 ;;
    --namespaces) NAMESPACES=$2 ;;
    --ns-size-mib) NS_MIB=$2 ;;
    --nqn) NQN=$2 ;;
    --host-nqn) HOST_NQN=$2 ;;
    --serial) SERIAL=$2 ;;
    --model) MODEL=$2 ;;
    --boot-timeout) BOOT_TIMEOUT=$2 ;;
    --mem) MEM=$2 ;;
    --accel) ACCEL=$2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift 2
done

# ---- validate -------------------------------------------------------------------------------
int_in() { [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge "$3" ] && [ "$2" -le "$4" ] || die "$1 must be $3..$4, got '$2'"; }
int_in --port "$PORT" 1 65535
int_in --namespaces "$NAMESPACES" 1 16
int_in --ns-size-mib "$NS_MIB" 1 8192
int_in --boot-timeout "$BOOT_TIMEOUT" 1 3600
[ -n "$MEM" ] || MEM=$((256 + NAMESPACES * NS_MIB))
int_in --mem "$MEM" 128 65536
NQN_RE='^nqn\.[0-9]{4}-[0-9]{2}\.[A-Za-z0-9._:-]+$'
[[ "$NQN" =~ $NQN_RE ]] && [ ${#NQN} -le 223 ] || die "--nqn '$NQN' is not an NQN this script accepts ($NQN_RE, <= 223 chars)"
[ -z "$HOST_NQN" ] || { [[ "$HOST_NQN" =~ $NQN_RE ]] && [ ${#HOST_NQN} -le 223 ]; } || die "--host-nqn '$HOST_NQN' is not an NQN ($NQN_RE)"
[[ "$SERIAL" =~ ^[\ -~]{1,20}$ ]] || die "--serial must be 1..20 printable ASCII characters"
[[ "$MODEL" =~ ^[\ -~]{1,40}$ ]] || die "--model must be 1..40 printable ASCII characters"
case "$ACCEL" in auto|kvm|tcg) ;; *) die "--accel must be auto, kvm or tcg" ;; esac

command -v qemu-system-x86_64 >/dev/null || { echo "start.sh: qemu-system-x86_64 not found; run $HERE/setup.sh" >&2; exit 1; }
"$HERE/build-initramfs.sh" >/dev/null     # no-op when up to date; fails with a hint without setup
BUILD="$CACHE/build"
KVER=$(cat "$BUILD/kernel-version")

RUN="$CACHE/run/port-$PORT"
mkdir -p "$RUN"
if [ -f "$RUN/qemu.pid" ] && kill -0 "$(cat "$RUN/qemu.pid")" 2>/dev/null; then
  echo "start.sh: a VM is already running for port $PORT (pid $(cat "$RUN/qemu.pid")); stop.sh --port $PORT first" >&2
  exit 1
fi
rm -f "$RUN"/{qemu.pid,console.log,qemu.stderr,ready}

# ---- per-instance settings: a small uncompressed cpio placed before the main initramfs ---------
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
CONF="$RUN/conf"
rm -rf "$CONF"; mkdir -p "$CONF/etc"
{
  echo "PORT=$PORT"; echo "NAMESPACES=$NAMESPACES"; echo "NS_MIB=$NS_MIB"
  echo "SUBSYS_NQN=$(q "$NQN")"; echo "HOST_NQN=$(q "$HOST_NQN")"
  echo "SERIAL=$(q "$SERIAL")"; echo "MODEL=$(q "$MODEL")"
} > "$CONF/etc/nvmet-vm.conf"
(cd "$CONF" && printf '%s\n' etc etc/nvmet-vm.conf | cpio -o -H newc -R 0:0 --quiet) > "$RUN/initrd.img"
cat "$BUILD/initrd.cpio.gz" >> "$RUN/initrd.img"
rm -rf "$CONF"

# ---- accelerator ------------------------------------------------------------------------------
kvm_works_here() {
  [ -r /dev/kvm ] && [ -w /dev/kvm ] || return 1
  # PVM (module kvm_pvm) offers /dev/kvm without VT-x/AMD-V; a stock Debian kernel does not
  # boot on it (it crawls, then stops on an emulation failure), so it counts as "no KVM".
  [ ! -d /sys/module/kvm_pvm ] || return 1
  grep -qwE 'vmx|svm' /proc/cpuinfo
}
if [ "$ACCEL" = auto ]; then
  if kvm_works_here; then ACCEL=kvm; FALLBACK=tcg; else ACCEL=tcg; FALLBACK=; fi
else
  FALLBACK=
fi

KERNEL_IMG="$BUILD/vmlinuz"
[ -f "$BUILD/vmlinux" ] && KERNEL_IMG="$BUILD/vmlinux"

QPID=
launch() {
  local cpu=(-accel tcg -cpu max)
  [ "$ACCEL" = kvm ] && cpu=(-accel kvm -cpu host)
  # setsid: the VM outlives this script and ignores the terminal's Ctrl-C / hangup.
  # restrict=on: the guest cannot open connections out; hostfwd still works (127.0.0.1 only).
  setsid qemu-system-x86_64 -name "nvmet-vm-port-$PORT" -nodefaults -no-user-config \
    "${cpu[@]}" -m "$MEM" -smp 1 -display none -monitor none -no-reboot \
    -serial "file:$RUN/console.log" \
    -kernel "$KERNEL_IMG" -initrd "$RUN/initrd.img" -append "console=ttyS0 quiet panic=-1" \
    -netdev "user,id=net0,restrict=on,hostfwd=tcp:127.0.0.1:$PORT-:$PORT" \
    -device virtio-net-pci,netdev=net0,romfile= \
    </dev/null >"$RUN/qemu.stderr" 2>&1 &
  QPID=$!
  echo "$QPID" > "$RUN/qemu.pid"
}
abort() {   # $1 = reason; stops our QEMU (if any), shows what the guest said
  echo "start.sh: $1" >&2
  if [ -n "$QPID" ] && kill -0 "$QPID" 2>/dev/null; then kill "$QPID" 2>/dev/null; wait "$QPID" 2>/dev/null || true; fi
  rm -f "$RUN/qemu.pid"
  if [ -s "$RUN/qemu.stderr" ]; then echo "--- qemu stderr:" >&2; tail -20 "$RUN/qemu.stderr" >&2; fi
  echo "--- console ($RUN/console.log), last 40 lines:" >&2
  if [ -s "$RUN/console.log" ]; then tail -40 "$RUN/console.log" >&2; else echo "(empty: the kernel printed no warning and init did not get to its first line)" >&2; fi
  exit 1
}
trap 'abort "interrupted"' INT TERM

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
T0=$(now_ms)
DEADLINE=$(( T0 + BOOT_TIMEOUT * 1000 ))
launch
echo "nvmet-vm: qemu pid $QPID ($ACCEL, $(basename "$KERNEL_IMG") $KVER, ${MEM} MiB), port 127.0.0.1:$PORT, console $RUN/console.log"

while :; do
  if ! kill -0 "$QPID" 2>/dev/null; then
    wait "$QPID" 2>/dev/null || true
    if [ "$KERNEL_IMG" = "$BUILD/vmlinux" ] && grep -qi pvh "$RUN/qemu.stderr"; then
      echo "nvmet-vm: QEMU cannot boot vmlinux via PVH ($(head -1 "$RUN/qemu.stderr")); using the bzImage"
      KERNEL_IMG="$BUILD/vmlinuz"; launch; continue
    fi
    if [ -n "$FALLBACK" ] && ! grep -q 'NVMET-VM:' "$RUN/console.log" 2>/dev/null; then
      echo "nvmet-vm: QEMU with KVM exited early ($(head -1 "$RUN/qemu.stderr")); retrying with TCG"
      ACCEL=$FALLBACK; FALLBACK=; launch; continue
    fi
    abort "QEMU exited before the target was ready"
  fi
  grep -q 'NVMET-VM: FAILED' "$RUN/console.log" 2>/dev/null && abort "the guest could not set up the target"
  left=$(( DEADLINE - $(now_ms) ))
  [ "$left" -gt 0 ] || abort "no ICResp on 127.0.0.1:$PORT within ${BOOT_TIMEOUT}s"
  if grep -q 'NVMET-VM: READY' "$RUN/console.log" 2>/dev/null; then
    # The hostfwd socket accepts connections before the guest listens, so only an ICResp counts.
    wait_s=$(( left < 3000 ? (left + 999) / 1000 : 3 ))
    if resp=$("$HERE/icreq-probe.sh" "$PORT" 127.0.0.1 "$wait_s" 2>/dev/null); then
      ms=$(( $(now_ms) - T0 ))
      printf 'pid=%s\nport=%s\nkernel=%s\naccel=%s\nboot_ms=%s\nnqn=%s\n' \
        "$QPID" "$PORT" "$KVER" "$ACCEL" "$ms" "$NQN" > "$RUN/ready"
      trap - INT TERM
      echo "nvmet-vm: ready after $ms ms: NVMe/TCP on 127.0.0.1:$PORT, subsystem $NQN," \
           "$NAMESPACES x $NS_MIB MiB namespaces (ICResp ${resp:0:16}...)"
      exit 0
    fi
  fi
  sleep 0.1
done
