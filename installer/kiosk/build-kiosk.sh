#!/usr/bin/env bash
# The kiosk session package (architecture all): installer/kiosk/build-kiosk.sh -> build/yizhan-kiosk-session_<v>_all.deb
set -euo pipefail
cd "$(dirname "$0")/../.."
version="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
K=installer/kiosk
root="build/deb/yizhan-kiosk-session_${version}_all"
rm -rf "$root"
install -d "$root/DEBIAN" "$root/usr/lib/yizhan-kiosk" "$root/usr/lib/systemd/user" "$root/usr/share/xsessions" \
  "$root/usr/share/yizhan-kiosk" "$root/lib/udev/rules.d" "$root/etc/systemd/logind.conf.d" "$root/etc/systemd/sleep.conf.d" \
  "$root/usr/sbin" "$root/usr/share/doc/yizhan-kiosk-session"
install -m 755 $K/files/session "$root/usr/lib/yizhan-kiosk/session"
install -m 644 $K/files/yizhan-kiosk.service "$root/usr/lib/systemd/user/"
install -m 644 $K/files/yizhan-kiosk.desktop "$root/usr/share/xsessions/"
install -m 644 $K/files/50-yizhan-kiosk.conf "$root/usr/share/yizhan-kiosk/"
install -m 644 $K/files/70-yizhan-kiosk.rules "$root/lib/udev/rules.d/"
install -m 644 $K/files/logind.conf "$root/etc/systemd/logind.conf.d/yizhan-kiosk.conf"
install -m 644 $K/files/sleep.conf "$root/etc/systemd/sleep.conf.d/yizhan-kiosk.conf"
install -m 755 $K/files/yizhan-kiosk-setup "$root/usr/sbin/"
install -m 644 $K/README "$root/usr/share/doc/yizhan-kiosk-session/README"
printf '/etc/systemd/logind.conf.d/yizhan-kiosk.conf\n/etc/systemd/sleep.conf.d/yizhan-kiosk.conf\n' > "$root/DEBIAN/conffiles"
install -m 755 $K/postinst $K/postrm "$root/DEBIAN/"
sed -e "s/@VERSION@/$version/g" $K/control > "$root/DEBIAN/control"
deb="build/yizhan-kiosk-session_${version}_all.deb"
dpkg-deb -Zxz --root-owner-group --build "$root" "$deb" >/dev/null
printf '\033[1m[kiosk]\033[0m %s\n' "$deb" >&2
