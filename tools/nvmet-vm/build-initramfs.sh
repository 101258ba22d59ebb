#!/usr/bin/env bash
# Builds the guest's boot files from the kernel cached by setup.sh:
#   $CACHE/build/initrd.cpio.gz  busybox-static + the guest-modules (.ko, load order) + init
#   $CACHE/build/vmlinuz         the Debian bzImage
#   $CACHE/build/vmlinux         the same kernel uncompressed (ELF): QEMU starts it at its PVH entry
#                                point, which skips the in-guest decompression (~3 s under TCG)
#   $CACHE/build/kernel-version
# Skips the work when the outputs are newer than init, this script and the kernel cache
# (--force rebuilds). Serialised with flock, so concurrent start.sh calls are safe.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${NVMET_VM_CACHE:-$HERE/.cache}"
STAMP="$CACHE/kernel/kernel.env"
OUT="$CACHE/build"
FORCE=0
[ "${1:-}" = --force ] && FORCE=1

[ -f "$STAMP" ] || { echo "build-initramfs.sh: no cached kernel ($STAMP); run $HERE/setup.sh" >&2; exit 1; }
# shellcheck disable=SC1090
. "$STAMP"
KROOT="$CACHE/kernel/$KVER"

mkdir -p "$OUT"
exec 9>"$CACHE/build.lock"
flock -w 120 9 || { echo "build-initramfs.sh: build lock busy" >&2; exit 1; }

up_to_date() {
  [ "$FORCE" = 0 ] && [ -f "$OUT/initrd.cpio.gz" ] && [ -f "$OUT/vmlinuz" ] && [ -f "$OUT/kernel-version" ] || return 1
  [ "$(cat "$OUT/kernel-version")" = "$KVER" ] || return 1
  for f in "$HERE/init" "$HERE/build-initramfs.sh" "$HERE/guest-modules" "$STAMP"; do
    [ "$f" -nt "$OUT/initrd.cpio.gz" ] && return 1
  done
  return 0
}
if up_to_date; then
  echo "nvmet-vm build: ok: $OUT is up to date (kernel $KVER)"
  exit 0
fi

BB=/bin/busybox
if [ ! -x "$BB" ] || ldd "$BB" >/dev/null 2>&1; then
  echo "build-initramfs.sh: need a statically linked /bin/busybox (apt-get install busybox-static)" >&2; exit 1
fi

ROOT=$(mktemp -d)
trap 'rm -rf "$ROOT"' EXIT
mkdir -p "$ROOT"/{bin,dev,proc,sys,tmp,etc,sys/kernel/config,lib/modules/"$KVER"}
cp "$BB" "$ROOT/bin/busybox"          # init runs `busybox --install -s` itself

# modules in load order (dependencies first), decompressed: busybox insmod reads plain .ko
: > "$ROOT/etc/modules.load"
declare -A have=()
while read -r m; do
  case "$m" in ''|'#'*) continue ;; esac
  deps=$(modprobe -d "$KROOT" -S "$KVER" --show-depends "$m") \
    || { echo "build-initramfs.sh: module $m missing from the cache; run setup.sh --refresh" >&2; exit 1; }
  while read -r verb path _; do
    [ "$verb" = insmod ] || continue
    [ -n "${have[$path]:-}" ] && continue
    have[$path]=1
    name=$(basename "$path"); name=${name%.xz}; name=${name%.zst}; name=${name%.gz}
    dst="$ROOT/lib/modules/$KVER/$name"
    case "$path" in
      *.ko.xz)  xz -dc "$path" > "$dst" ;;
      *.ko.zst) zstd -qdc "$path" > "$dst" ;;
      *.ko.gz)  gzip -dc "$path" > "$dst" ;;
      *)        cp "$path" "$dst" ;;
    esac
    echo "/lib/modules/$KVER/$name" >> "$ROOT/etc/modules.load"
  done <<< "$deps"
done < "$HERE/guest-modules"

install -m 0755 "$HERE/init" "$ROOT/init"
echo "$KVER" > "$ROOT/etc/kernel-version"

(cd "$ROOT" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -1 > "$OUT/initrd.cpio.gz.tmp"
mv "$OUT/initrd.cpio.gz.tmp" "$OUT/initrd.cpio.gz"
cp "$KROOT/boot/vmlinuz-$KVER" "$OUT/vmlinuz"

# Uncompressed kernel: find the first xz/zstd/gzip stream in the bzImage that decompresses to an ELF.
rm -f "$OUT/vmlinux"
for kind in 'xz:\xfd\x37\x7a\x58\x5a\x00' 'zstd:\x28\xb5\x2f\xfd' 'gzip:\x1f\x8b\x08'; do
  tool=${kind%%:*}; magic=${kind#*:}
  for off in $(LC_ALL=C grep -obUaP "$magic" "$OUT/vmlinuz" | cut -d: -f1 | head -5); do
    # the stream is followed by the rest of the bzImage: decompressors complain, output is complete
    tail -c +"$((off + 1))" "$OUT/vmlinuz" | "$tool" -dcq > "$OUT/vmlinux.tmp" 2>/dev/null || true
    if [ "$(head -c 4 "$OUT/vmlinux.tmp" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ]; then
      mv "$OUT/vmlinux.tmp" "$OUT/vmlinux"; break 2
    fi
  done
done
rm -f "$OUT/vmlinux.tmp"
echo "$KVER" > "$OUT/kernel-version"

echo "nvmet-vm build: initrd $(du -k "$OUT/initrd.cpio.gz" | cut -f1) KiB ($(wc -l < "$ROOT/etc/modules.load") modules)," \
     "kernel $KVER, $([ -f "$OUT/vmlinux" ] && echo "vmlinux extracted for PVH boot" || echo "no vmlinux (bzImage boot)") -> $OUT"
