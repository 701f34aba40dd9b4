#!/usr/bin/env bash
# Build the service-point installs and check each as far as this machine allows. One command:
#   installer/build.sh [--no-check] [TARGET ...]      (default: all)
# Targets:
#   frozen     PyInstaller one folder (build/dist/yizhan), its programs run (needs the .venv)
#   deb-amd64  build/yizhan_<v>_amd64.deb, apt-installed in a clean Debian 12 root and run
#   deb-arm64  build/yizhan_<v>_arm64.deb, the same under qemu-user-static (else linted)
#   kiosk      build/yizhan-kiosk-session_<v>_all.deb, installed with the amd64 package in the root
#   windows    build/yizhan-<v>-win64-setup.exe (NSIS), installed silently under Wine and run
#   deb        deb-amd64 deb-arm64 kiosk;   all: every target
# Each step prints how long it took; installer/README.md says what each check runs.
set -euo pipefail
cd "$(dirname "$0")/.."
check=1
targets=()
for arg in "$@"; do
  case "$arg" in
    --no-check) check=0 ;;
    --check) check=1 ;;   # (the default; kept for older callers)
    all) targets+=(frozen deb-amd64 deb-arm64 kiosk windows) ;;
    deb) targets+=(deb-amd64 deb-arm64 kiosk) ;;
    frozen|deb-amd64|deb-arm64|kiosk|windows) targets+=("$arg") ;;
    *) echo "unknown target $arg (frozen deb-amd64 deb-arm64 kiosk windows deb all)" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(frozen deb-amd64 deb-arm64 kiosk windows)
want() { local t; for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }
log() { printf '\033[1m[installer]\033[0m %s\n' "$*" >&2; }
step() {  # run one step, say how long it took and whether it failed; its exit status is the step's
  local name="$1" t0=$SECONDS rc=0; shift
  "$@" || rc=$?
  if [ $rc -eq 0 ]; then log "$name: $(( SECONDS - t0 )) s"; else log "$name: FAILED (exit $rc) after $(( SECONDS - t0 )) s"; fi
  return $rc
}
mkdir -p build
status=0

if want frozen; then step "frozen build and check" installer/frozen.sh $([ $check = 1 ] || echo --no-check) || status=1; fi
if want kiosk; then step "kiosk session package" installer/kiosk/build-kiosk.sh || status=1; fi
version="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
for arch in amd64 arm64; do
  want "deb-$arch" || continue
  step "deb $arch build" installer/deb/build-deb.sh "$arch" || { status=1; continue; }
  [ $check = 1 ] || continue
  debs=("build/yizhan_${version}_${arch}.deb")
  if [ "$arch" = amd64 ] && want kiosk; then debs+=("build/yizhan-kiosk-session_${version}_all.deb"); fi
  set +e; step "deb $arch install in a clean Debian 12 root" installer/deb/check-root.sh "$arch" "${debs[@]}"; rc=$?; set -e
  if [ $rc -eq 3 ]; then  # no emulation here: lint only, and say so
    step "deb $arch lint" installer/deb/lint.sh "${debs[0]}" || status=1
  elif [ $rc -ne 0 ]; then status=1; fi
done
if want windows; then step "windows installer build and Wine check" installer/windows/build.sh $([ $check = 1 ] || echo --no-check) || status=1; fi
exit $status
