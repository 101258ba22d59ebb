#!/usr/bin/env bash
# Prepares this machine to run the Linux nvmet VM (see start.sh). Idempotent: a second run only
# checks and prints "ok" lines. Needs root for apt-get (CI runs as root, with no stdin).
#
#   1. apt-get installs the host tools that are missing: qemu-system-x86 (TCG is enough),
#      busybox-static, cpio, kmod (depmod/modprobe on the build host), xz-utils, zstd.
#   2. Kernel: `apt-get download`s the Debian kernel package that linux-image-amd64 points at
#      (or $NVMET_VM_KERNEL_PKG), unpacks it in a temporary directory and keeps only the vmlinuz
#      and the modules listed in guest-modules (+ their dependencies) under $CACHE/kernel/.
#      Nothing is installed into /boot or /lib/modules; the kernel package is not registered with dpkg.
#   3. Builds the initramfs ($CACHE/build/, build-initramfs.sh).
#
# Options: --refresh   re-resolve and re-fetch the kernel even if one is cached
# Env:     NVMET_VM_CACHE       cache directory (default: <this dir>/.cache, git-ignored)
#          NVMET_VM_KERNEL_PKG  kernel package to fetch (default: linux-image-amd64's dependency)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${NVMET_VM_CACHE:-$HERE/.cache}"
KCACHE="$CACHE/kernel"
STAMP="$KCACHE/kernel.env"
REFRESH=0
for a in "$@"; do
  case "$a" in
    --refresh) REFRESH=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument $a" >&2; exit 2 ;;
  esac
done
export DEBIAN_FRONTEND=noninteractive
say() { echo "nvmet-vm setup: $*"; }
T0=$(date +%s%N)

APT_UPDATED=0
apt_update_once() {
  if [ "$APT_UPDATED" = 0 ]; then
    say "apt-get update"
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    APT_UPDATED=1
  fi
}
need_root() {
  [ "$(id -u)" = 0 ] || { echo "setup.sh: $1 needs root (run as root or with sudo)" >&2; exit 1; }
}

# ---- 1. host tools ----------------------------------------------------------------------------
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for p in qemu-system-x86 busybox-static cpio kmod xz-utils zstd; do
  installed "$p" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  need_root "installing ${missing[*]}"
  apt_update_once
  say "apt-get install ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "installed ${missing[*]}"
else
  say "ok: host packages present (qemu-system-x86 busybox-static cpio kmod xz-utils zstd)"
fi

# ---- 2. kernel --------------------------------------------------------------------------------
mods_sum=$(sha256sum "$HERE/guest-modules" | cut -c1-16)
cached_ok() {
  [ -f "$STAMP" ] || return 1
  # shellcheck disable=SC1090
  ( . "$STAMP"
    [ "$MODULES_SUM" = "$mods_sum" ] || exit 1
    [ -z "${NVMET_VM_KERNEL_PKG:-}" ] || [ "$NVMET_VM_KERNEL_PKG" = "$KPKG" ] || exit 1
    [ -f "$KCACHE/$KVER/boot/vmlinuz-$KVER" ] ) || return 1
}
if [ "$REFRESH" = 0 ] && cached_ok; then
  # shellcheck disable=SC1090
  . "$STAMP"
  say "ok: kernel $KVER cached ($KPKG $KPKG_VERSION, $(du -sh "$KCACHE" | cut -f1) in $KCACHE)"
else
  need_root "fetching the kernel package"
  apt_update_once
  KPKG="${NVMET_VM_KERNEL_PKG:-}"
  if [ -z "$KPKG" ]; then
    KPKG=$(apt-cache depends linux-image-amd64 | awk '$1 == "Depends:" && $2 ~ /^linux-image-/ {print $2; exit}')
  fi
  [ -n "$KPKG" ] || { echo "setup.sh: cannot resolve the kernel package of linux-image-amd64" >&2; exit 1; }
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  chmod 755 "$WORK"; mkdir "$WORK/deb"
  chown _apt "$WORK/deb" 2>/dev/null || true     # lets apt download sandboxed, without a warning
  say "apt-get download $KPKG"
  (cd "$WORK/deb" && apt-get -o DPkg::Lock::Timeout=300 download -qq "$KPKG")
  DEB=$(ls "$WORK"/deb/*.deb)
  KPKG_VERSION=$(dpkg-deb -f "$DEB" Version)
  dpkg-deb -x "$DEB" "$WORK/x"
  MODROOT="$WORK/x/lib/modules"; [ -d "$MODROOT" ] || MODROOT="$WORK/x/usr/lib/modules"
  KVER=$(ls "$MODROOT")
  if [ "$MODROOT" = "$WORK/x/usr/lib/modules" ]; then   # merged-/usr kernel packages (trixie+)
    mkdir -p "$WORK/x/lib"; mv "$MODROOT" "$WORK/x/lib/modules"
  fi
  depmod -b "$WORK/x" "$KVER"
  # keep the kernel image and only the modules the guest needs (the package unpacks to ~400 MB)
  DEST="$KCACHE/$KVER"
  rm -rf "$KCACHE"; mkdir -p "$DEST/boot" "$DEST/lib/modules/$KVER"
  cp "$WORK/x/boot/vmlinuz-$KVER" "$WORK/x/boot/config-$KVER" "$DEST/boot/"
  cp "$WORK/x/lib/modules/$KVER"/modules.builtin* "$WORK/x/lib/modules/$KVER/modules.order" "$DEST/lib/modules/$KVER/"
  kept=0
  while read -r m; do
    case "$m" in ''|'#'*) continue ;; esac
    out=$(modprobe -d "$WORK/x" -S "$KVER" --show-depends "$m") \
      || { echo "setup.sh: module $m not in $KPKG" >&2; exit 1; }
    while read -r verb path _; do
      [ "$verb" = insmod ] || continue
      rel=${path#"$WORK/x/"}
      [ -f "$DEST/$rel" ] && continue
      mkdir -p "$DEST/$(dirname "$rel")"; cp "$path" "$DEST/$rel"; kept=$((kept + 1))
    done <<< "$out"
  done < "$HERE/guest-modules"
  depmod -b "$DEST" "$KVER"
  printf 'KPKG=%s\nKPKG_VERSION=%s\nKVER=%s\nMODULES_SUM=%s\n' "$KPKG" "$KPKG_VERSION" "$KVER" "$mods_sum" > "$STAMP.tmp"
  mv "$STAMP.tmp" "$STAMP"
  rm -rf "$WORK"; trap - EXIT
  say "cached kernel $KVER from $KPKG $KPKG_VERSION: vmlinuz + $kept modules ($(du -sh "$KCACHE" | cut -f1) in $KCACHE)"
fi

# ---- 3. initramfs -----------------------------------------------------------------------------
"$HERE/build-initramfs.sh"

say "done in $(( ($(date +%s%N) - T0) / 1000000 )) ms; qemu: $(qemu-system-x86_64 --version | head -1)"
