#!/usr/bin/env bash
# Install the Windows installer silently under Wine (a fresh prefix) and run the installed programs.
#   installer/windows/check-wine.sh build/yizhan-<v>-win64-setup.exe
# What runs here is what the README's "Checked under Wine" lists; what Wine cannot do is said there.
set -euo pipefail
cd "$(dirname "$0")/../.."
setup="$(realpath "$1")"
log() { printf '\033[1m[wine]\033[0m %s\n' "$*" >&2; }
installer/need-apt.sh wine wine64 gcc-mingw-w64-x86-64-win32
WINE64="$(command -v wine64 || echo /usr/lib/wine/wine64)"
export WINEPREFIX="$PWD/build/win/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# Python's pipes use the ANSI code page; Wine's is cp1252 without a Chinese locale (a Chinese
# Windows has cp936): UTF-8 mode keeps the Chinese output of the check readable.
export PYTHONUTF8=1
WINESERVER="$(command -v wineserver || echo /usr/lib/wine/wineserver64)"
[ -d "$WINEPREFIX" ] && "$WINESERVER" -k 2>/dev/null || true   # this prefix's server only
trap '"$WINESERVER" -k 2>/dev/null || true' EXIT
rm -rf "$WINEPREFIX"
t0=$SECONDS
"$WINE64" wineboot -i >/dev/null 2>&1
# Wine 8 lacks bcryptprimitives.dll (ProcessPrng), which Rust-built wheels (cryptography,
# rpds-py) import; Windows 10+ has it. A stand-in goes into the prefix, never into the installer.
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  installer/windows/wine-shim/bcryptprimitives.c -lbcrypt
log "prefix ready ($(( SECONDS - t0 )) s)"
drive_c="$WINEPREFIX/drive_c"
# the enrollment code travels in a file, never on the command line (a server is not started
# here: the installer must finish, report exit code 2 and keep the code file for a retry)
printf 'NOT-A-REAL-CODE\n' > "$drive_c/code.txt"
# the key file (not the credential store) for every program here, the installer's enrollment
# included: it opens the store before it asks the server, and the CLI below must find its key
export YIZHAN_KEY_PROVIDER=file
t0=$SECONDS
set +e
"$WINE64" "$setup" /S /SERVER=https://127.0.0.1:9 /CODEFILE=C:\\code.txt /D=C:\\Yizhan
rc=$?
set -e
log "silent install exit code $rc ($(( SECONDS - t0 )) s)"
# no server answers on port 9: installed, enrollment reported as failed (2), the code file kept
[ "$rc" -eq 2 ] && [ -f "$drive_c/code.txt" ] || { echo "silent install: exit $rc, expected 2 and the code file kept" >&2; exit 1; }
test -f "$drive_c/Yizhan/python/python.exe" || { echo "not installed" >&2; exit 1; }
test -f "$drive_c/Yizhan/uninstall.exe"
yz() { "$WINE64" cmd /c 'C:\Yizhan\yizhan.cmd' "$@" 2>&1 | tr -d '\r'; }
expect() { local pattern="$1"; shift; local out; out="$("$@" || true)"
  grep -q -- "$pattern" <<<"$out" || { echo "unexpected output of $*: $out" >&2; exit 1; }; log "ok: ${*:2}"; }

expect '^valid$' yz validate resident-id 11010519491231002X
expect '校验码' yz validate resident-id 110105194912310021
# no YIZHAN_DATA_DIR: the store goes to the Known Folder LocalAppData\Yizhan\Data
cp -a resources/samples "$drive_c/samples"
id="$(yz case import 'C:\samples\sample_case_full.json' | tail -1)"
[ -n "$id" ] || { echo "case import printed no id" >&2; exit 1; }
log "ok: case import -> $id"
expect '抵押' yz case show "$id"
expect "$id" yz case list
data="$(find "$drive_c/users" -path '*Yizhan/Data' -type d | head -1)"
[ -n "$data" ] || { echo "no store under LocalAppData\\Yizhan\\Data" >&2; exit 1; }
conf="$(find "$drive_c/users" -path '*Yizhan/Config' -type d | head -1)"
[ -n "$conf" ] || { echo "no config under LocalAppData\\Yizhan\\Config" >&2; exit 1; }
log "ok: data in ${data#"$drive_c"/}, settings and key in ${conf#"$drive_c"/}"
expect '^ok: ' yz audit verify
expect '正常 *idcard *idcard emulator' yz devices check   # the reader emulator over loopback TCP
expect '正常 *camera *blazeface' yz devices check
# the counter, offscreen, to a screenshot
t0=$SECONDS
out="$(QT_QPA_PLATFORM=offscreen "$WINE64" 'C:\Yizhan\python\python.exe' -m counter.app --screenshot 'C:\counter.png' 2>&1 | tr -d '\r' || true)"
if [ -s "$drive_c/counter.png" ]; then
  cp "$drive_c/counter.png" build/counter-wine.png
  log "ok: counter screenshot build/counter-wine.png ($(( SECONDS - t0 )) s)"
elif grep -q "DLL load failed while importing QtCore" <<<"$out" && [ ! -e "$drive_c/windows/system32/icuuc.dll" ]; then
  # Qt >= 6.7 on Windows links the system ICU (icuuc.dll, Windows 10 1903 and later); Wine 8 has none.
  log "not run: the counter under Wine 8 (Qt's QtCore needs Windows' icuuc.dll, which Wine 8 lacks)"
else
  echo "the counter failed under Wine: $out" >&2; exit 1
fi
# a downgrade is refused (exit code 3) and leaves the installed programs alone
"$WINE64" reg add 'HKCU\Software\Yizhan' /v Version /d 99.0.0 /f >/dev/null 2>&1
set +e; "$WINE64" "$setup" /S /D=C:\\Yizhan; rc=$?; set -e
[ "$rc" -eq 3 ] && [ -f "$drive_c/Yizhan/python/python.exe" ] || { echo "downgrade: exit $rc, expected 3" >&2; exit 1; }
log "ok: downgrade from 99.0.0 refused (exit code 3)"
# silent uninstall keeps the data
"$WINE64" 'C:\Yizhan\uninstall.exe' /S _?=C:\\Yizhan
test ! -e "$drive_c/Yizhan/python" && test -d "$data"
log "ok: silent uninstall removed the programs and kept the data"
