#!/usr/bin/env bash
# Install a .deb with apt in a clean Debian 12 root and run the installed programs.
#   installer/deb/check-root.sh amd64|arm64 build/yizhan_<v>_<arch>.deb [more .deb ...]
# The root is made once by debootstrap (minbase) in build/roots/bookworm-<arch> and copied fresh for
# every check. arm64 runs under qemu-user-static (binfmt_misc) when the machine allows it.
set -euo pipefail
cd "$(dirname "$0")/../.."
ARCH="$1"; shift
log() { printf '\033[1m[root %s]\033[0m %s\n' "$ARCH" "$*" >&2; }
need=(debootstrap)  # (and, for another architecture, the emulator)
[ "$ARCH" = "$(dpkg --print-architecture)" ] || need+=(qemu-user-static binfmt-support)
installer/need-apt.sh "${need[@]}"
if [ "$ARCH" != "$(dpkg --print-architecture)" ]; then
  [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || true
  update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
  if ! grep -q enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null; then
    log "GAP: no binfmt_misc for qemu-aarch64 here: the package is only linted"; exit 3
  fi
fi
mkdir -p build/roots
template="build/roots/bookworm-$ARCH"
if [ ! -x "$template/usr/bin/apt-get" ]; then
  t0=$SECONDS
  if grep -q " $(realpath -m "$template")/" /proc/mounts; then echo "something is mounted under $template" >&2; exit 1; fi
  rm -rf --one-file-system "$template"
  debootstrap --arch "$ARCH" --variant=minbase bookworm "$template" http://deb.debian.org/debian >"build/roots/debootstrap-$ARCH.log" 2>&1 \
    || { tail -20 "build/roots/debootstrap-$ARCH.log" >&2; exit 1; }
  log "debootstrap $ARCH: $(( SECONDS - t0 )) s"
fi
root="build/roots/check-$ARCH"
cleanup() { for m in proc dev/pts dev; do mountpoint -q "$root/$m" && umount -l "$root/$m"; done; }
trap cleanup EXIT
cleanup 2>/dev/null || true
# never delete through a mount (a bound /dev): refuse if anything is still mounted in the old root
if grep -q " $(realpath -m "$root")/" /proc/mounts; then echo "something is still mounted under $root" >&2; exit 1; fi
rm -rf --one-file-system "$root"
cp -a "$template" "$root"
mount -t proc proc "$root/proc"; mount --bind /dev "$root/dev"; mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/tmp/pkgs"
for deb in "$@"; do cp "$deb" "$root/tmp/pkgs/"; done
cp -a resources/samples "$root/tmp/samples"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
t0=$SECONDS
in_root apt-get -qq update >/dev/null
in_root sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/pkgs/*.deb' >"build/roots/apt-$ARCH.log" 2>&1 \
  || { tail -30 "build/roots/apt-$ARCH.log" >&2; exit 1; }
log "apt install of $(ls "$root/tmp/pkgs" | tr '\n' ' ')with its dependencies: $(( SECONDS - t0 )) s"
in_root dpkg -s yizhan | grep -E '^(Status|Version|Architecture)' | tr '\n' ' ' >&2; echo >&2

expect() { local pattern="$1"; shift; local out; out="$(in_root "$@" 2>&1 || true)"
  grep -q -- "$pattern" <<<"$out" || { echo "unexpected output of $*: $out" >&2; exit 1; }; log "ok: ${*#env YIZHAN_KEY_PROVIDER=file YIZHAN_DATA_DIR=/root/yz/data YIZHAN_CONFIG_DIR=/root/yz/config YIZHAN_LOG_DIR=/root/yz/log }"; }
ENV=(env YIZHAN_KEY_PROVIDER=file YIZHAN_DATA_DIR=/root/yz/data YIZHAN_CONFIG_DIR=/root/yz/config YIZHAN_LOG_DIR=/root/yz/log)
expect '^valid$' yizhan validate resident-id 11010519491231002X
id="$(in_root "${ENV[@]}" yizhan case import /tmp/samples/sample_case_full.json | tail -1)"
[ -n "$id" ] || { echo "case import printed no id" >&2; exit 1; }
log "ok: case import -> $id"
expect '抵押' "${ENV[@]}" yizhan case show "$id"
expect '^ok: ' "${ENV[@]}" yizhan audit verify
expect '正常 *idcard *idcard emulator' "${ENV[@]}" yizhan devices check
expect '正常 *pages *pdf' "${ENV[@]}" yizhan devices check
expect '诊断包' "${ENV[@]}" yizhan diagnostics --no-devices --out /root/yz/diag
expect 'sane' "${ENV[@]}" python3 -c 'import sane; print(sane.__name__)'
t0=$SECONDS
in_root "${ENV[@]}" QT_QPA_PLATFORM=offscreen yizhan-counter --screenshot /root/counter.png >/dev/null 2>&1 || true
[ -s "$root/root/counter.png" ] || { echo "the counter made no screenshot" >&2; exit 1; }
cp "$root/root/counter.png" "build/counter-deb-$ARCH.png"
log "ok: counter screenshot build/counter-deb-$ARCH.png ($(( SECONDS - t0 )) s)"
# a downgrade is refused with a message and leaves the installed version in place
mkdir -p "$root/tmp/old/DEBIAN"
printf 'Package: yizhan\nVersion: 0.0.1\nArchitecture: %s\nMaintainer: test\nDescription: an older release\n' "$ARCH" \
  > "$root/tmp/old/DEBIAN/control"
dpkg-deb --root-owner-group --build "$root/tmp/old" "$root/tmp/yizhan_0.0.1.deb" >/dev/null
out="$(in_root dpkg -i /tmp/yizhan_0.0.1.deb 2>&1 || true)"
grep -q "refusing to downgrade" <<<"$out" && in_root dpkg-query -W -f='${Version} ${Status}' yizhan | grep -q "$(in_root dpkg-query -W -f='${Version}' yizhan) install ok installed" \
  && [ "$(in_root dpkg-query -W -f='${Version}' yizhan)" != 0.0.1 ] \
  || { echo "a downgrade was not refused: $out" >&2; exit 1; }
log "ok: downgrade to 0.0.1 refused, $(in_root dpkg-query -W -f='${Version}' yizhan) still installed"
if [ -x "$root/usr/sbin/yizhan-kiosk-setup" ] || ls "$root/tmp/pkgs/"*kiosk* >/dev/null 2>&1; then
  installer/kiosk/check-root.sh "$root"
fi
log "installed size: $(in_root du -sh /opt/yizhan | cut -f1)"
