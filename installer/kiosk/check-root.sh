#!/usr/bin/env bash
# Check the kiosk session as installed in a root (called by installer/deb/check-root.sh).
set -euo pipefail
root="$1"
log() { printf '\033[1m[kiosk]\033[0m %s\n' "$*" >&2; }
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
fail() { echo "kiosk session: $*" >&2; exit 1; }
groups="$(in_root id -nG yizhan-kiosk)" || fail "no yizhan-kiosk user"
for g in yizhan-kiosk video dialout; do grep -qw "$g" <<<"$groups" || fail "yizhan-kiosk is not in $g ($groups)"; done
in_root passwd -S yizhan-kiosk | grep -q ' L \| NP ' || fail "the kiosk user has a usable password"
conf="$root/etc/lightdm/lightdm.conf.d/50-yizhan-kiosk.conf"
grep -q '^autologin-user=yizhan-kiosk$' "$conf" && grep -q '^autologin-session=yizhan-kiosk$' "$conf" || fail "no auto-login"
grep -q -- '-dpms' "$conf" || fail "DPMS not off"
[ -x "$root/usr/lib/yizhan-kiosk/session" ] && grep -q 'Exec=/usr/lib/yizhan-kiosk/session' "$root/usr/share/xsessions/yizhan-kiosk.desktop" \
  || fail "no kiosk session"
unit="$root/usr/lib/systemd/user/yizhan-kiosk.service"
grep -q '^Restart=always$' "$unit" && grep -q '^WatchdogSec=' "$unit" || fail "unit without restart or watchdog"
out="$(in_root systemd-analyze verify --user /usr/lib/systemd/user/yizhan-kiosk.service 2>&1 || true)"
grep -v -i 'yizhan-kiosk.*\(not executable\|no such file\)\|Failed to \(connect\|setup\|initialize\)\|XDG_RUNTIME_DIR\|ConditionPathExists\|^$' <<<"$out" \
  | grep -i 'error\|invalid\|unknown' && fail "systemd-analyze: $out"
[ -f "$root/lib/udev/rules.d/70-yizhan-kiosk.rules" ] && grep -q 'GROUP="yizhan-kiosk"' "$root/lib/udev/rules.d/70-yizhan-kiosk.rules" \
  || fail "no udev rules"
grep -q 'AllowSuspend=no' "$root/etc/systemd/sleep.conf.d/yizhan-kiosk.conf" || fail "suspend allowed"
in_root yizhan-kiosk-setup disable >/dev/null && [ ! -e "$conf" ] && in_root yizhan-kiosk-setup enable >/dev/null && [ -e "$conf" ] \
  || fail "maintenance exit (yizhan-kiosk-setup disable/enable) does not work"
in_root dpkg -s lightdm xserver-xorg-core | grep -c '^Status: install ok installed' | grep -q 2 || fail "lightdm/X not pulled in"
log "ok: user yizhan-kiosk ($groups), auto-login, session, unit (Restart=always, WatchdogSec), udev rules, no suspend, maintenance exit"
