#!/usr/bin/env bash
# One recipe for the Debian package of every architecture, built on this machine (no cross
# compiler: the wheels are the architecture's own manylinux wheels, the app is pure Python).
#   installer/deb/build-deb.sh amd64|arm64   ->  build/yizhan_<v>_<arch>.deb
# Layout: /opt/yizhan/lib (the wheels, installed by uv for the target platform), /opt/yizhan/app
# (shared/, counter/, kiosk/, resources/, byte-compiled), /opt/yizhan/bin/<program> launchers
# (from installer/apps.tsv) linked into /usr/bin, a desktop entry per GUI program. The interpreter
# is Debian's python3 (3.11 on Debian 12); python-sane comes from Debian's python3-sane.
set -euo pipefail
cd "$(dirname "$0")/../.."
ARCH="${1:?usage: build-deb.sh amd64|arm64}"
OUT=build
log() { printf '\033[1m[deb %s]\033[0m %s\n' "$ARCH" "$*" >&2; }
# glibc floor of the wheels: domestic distributions (UOS 20, Kylin V10) have glibc 2.28-2.31.
# PySide6 publishes aarch64 wheels from manylinux_2_31 only.
case "$ARCH" in
  amd64) PLAT="${DEB_PLATFORM_AMD64:-x86_64-manylinux_2_28}" ;;
  arm64) PLAT="${DEB_PLATFORM_ARM64:-aarch64-manylinux_2_31}" ;;
  *) echo "unknown architecture $ARCH" >&2; exit 2 ;;
esac
installer/need-apt.sh python3-venv dpkg-dev
TOOLS="$OUT/tools"
[ -x "$TOOLS/bin/uv" ] || { python3 -m venv "$TOOLS" && "$TOOLS/bin/pip" install -q "uv>=0.5"; }
UV="$TOOLS/bin/uv"
version="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
root="$OUT/deb/yizhan_${version}_${ARCH}"
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt/yizhan/bin" "$root/opt/yizhan/app" "$root/usr/bin" "$root/usr/share/applications"

log "wheels for $PLAT into /opt/yizhan/lib"
python3 - > "$OUT/deb/requirements-$ARCH.txt" <<'PYEOF'
import tomllib
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]
# python-sane: Debian's python3-sane. tpm2-pytss: PyPI has no wheels (it builds against
# libtss2-dev), so the packages go without it and the store key stays with the keyring or the
# key file (the TPM provider is chosen only where tpm2_pytss imports).
print("\n".join(d for d in deps if not d.startswith(("python-sane", "tpm2-pytss"))))
PYEOF
"$UV" pip install -q --no-config --python-platform "$PLAT" --python-version 3.11 --only-binary :all: \
  --target "$root/opt/yizhan/lib" -r "$OUT/deb/requirements-$ARCH.txt"
"$UV" pip install -q --no-config --python-platform "$PLAT" --python-version 3.11 --only-binary :all: --no-deps \
  --target "$root/opt/yizhan/lib" -r requirements-extra.txt
rm -rf "$root/opt/yizhan/lib/bin"
installer/prune.sh "$root/opt/yizhan/lib"
find "$root/opt/yizhan/lib" -type f -name '*.so*' -exec chmod 644 {} +   # libraries are not programs

log "the app"
for pkg in shared counter kiosk resources; do [ -d "$pkg" ] && cp -a "$pkg" "$root/opt/yizhan/app/"; done
find "$root/opt/yizhan" -name __pycache__ -prune -exec rm -rf {} +
printf '%s\n' "$version" > "$root/opt/yizhan/app/VERSION"
# byte-compile for a fast first start (the same CPython 3.11 bytecode on every architecture)
python3 -m compileall -q -j 2 -d /opt/yizhan "$root/opt/yizhan/app" "$root/opt/yizhan/lib" >/dev/null || true

while IFS=$'\t' read -r name module kind title; do
  case "$name" in ''|'#'*) continue ;; esac
  cat > "$root/opt/yizhan/bin/$name" <<LAUNCH
#!/bin/sh
# $title: Debian's python3 with the private libraries of /opt/yizhan first (user site-packages off)
PYTHONPATH=/opt/yizhan/app:/opt/yizhan/lib\${PYTHONPATH:+:\$PYTHONPATH} exec /usr/bin/python3 -s -m $module "\$@"
LAUNCH
  chmod 755 "$root/opt/yizhan/bin/$name"
  ln -s "/opt/yizhan/bin/$name" "$root/usr/bin/$name"
  if [ "$kind" = gui ]; then
    printf '[Desktop Entry]\nType=Application\nName=%s\nExec=/opt/yizhan/bin/%s\nTerminal=false\nCategories=Office;\n' \
      "$title" "$name" > "$root/usr/share/applications/$name.desktop"
  fi
done < installer/apps.tsv

# (the template folds Depends for reading; the package gets it on one line)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$(du -sk "$root" | cut -f1)/" installer/deb/control \
  | awk '/^ / && prev ~ /^Depends:/ {prev = prev substr($0, 1); next} {if (NR > 1) print prev; prev = $0} END {print prev}' \
  > "$root/DEBIAN/control"
sed -e "s/@VERSION@/$version/g" installer/deb/prerm > "$root/DEBIAN/prerm"
chmod 755 "$root/DEBIAN/prerm"
deb="$OUT/yizhan_${version}_${ARCH}.deb"
dpkg-deb -Zxz -z3 --root-owner-group --build "$root" "$deb" >/dev/null
log "$deb ($(du -h "$deb" | cut -f1); installed $(du -sh "$root" | cut -f1))"
