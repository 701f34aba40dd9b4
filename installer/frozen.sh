#!/usr/bin/env bash
# The PyInstaller one-folder app (the programs of installer/apps.tsv sharing one runtime), and a
# check that the frozen programs run (installer/build.sh frozen).
#   installer/frozen.sh [--no-check]        -> build/dist/yizhan
# Needs the project's .venv (./dev.sh setup). PyInstaller does not cross-build: the .deb of each
# architecture comes from installer/deb/build-deb.sh instead.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
OUT=build
log() { printf '\033[1m[installer]\033[0m %s\n' "$*" >&2; }

"$PY" -m PyInstaller --version >/dev/null 2>&1 || "$PY" -m pip install -q "pyinstaller>=6.10"
log "PyInstaller: one folder in $OUT/dist/yizhan"
"$PY" -m PyInstaller --noconfirm --log-level ERROR --distpath "$OUT/dist" --workpath "$OUT/pyinstaller" \
  installer/yizhan.spec
APP="$OUT/dist/yizhan"

[ "${1:-}" = "--no-check" ] && exit 0
log "checking the frozen programs"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
expect() { local pattern="$1"; shift; local out; out="$("$@" || true)";  # (face check exits 1 when a gate fails)
  grep -q -- "$pattern" <<<"$out" || { echo "unexpected output of $*: $out" >&2; exit 1; }; }
expect '^valid$' "$APP/yizhan" validate resident-id 11010519491231002X
export YIZHAN_DATA_DIR="$tmp/data" YIZHAN_CONFIG_DIR="$tmp/config" YIZHAN_KEY_PROVIDER=file
id="$("$APP/yizhan" case import resources/samples/sample_case_full.json)"
expect "抵押" "$APP/yizhan" case show "$id"
"$PY" - "$tmp" <<'PYEOF'
import sys, cv2
from skimage import data
from shared.devices.testpages import make_page, make_photo
cv2.imwrite(sys.argv[1] + "/face.png", cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR))
cv2.imwrite(sys.argv[1] + "/page.jpg", make_photo(make_page(qr_text="不动产单元号 350102015020GB09217F00243026")).image)
PYEOF
expect "350102015020GB09217F00243026" "$APP/yizhan" barcode read "$tmp/page.jpg"   # zxing-cpp / zbar
expect "KB" "$APP/yizhan" page process "$tmp/page.jpg" "$tmp/page-out.jpg"       # the page pipeline
expect '"detector": "blazeface"' "$APP/yizhan" face check "$tmp/face.png"   # the models travelled
"$APP/yizhan" render application --case "$id" --out "$tmp/app.pdf" >/dev/null        # reportlab + the CJK font
QT_QPA_PLATFORM=offscreen "$APP/yizhan-counter" --screenshot "$OUT/counter-frozen.png" 2>/dev/null
test -s "$OUT/counter-frozen.png"
log "frozen app OK ($(du -sh "$APP" | cut -f1)), screenshot $OUT/counter-frozen.png"
