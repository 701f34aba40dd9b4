#!/usr/bin/env bash
# The Qt-free core's tests under the Windows Python of the installer (build/win/stage), in Wine.
#   installer/windows/core-tests-wine.sh       (after installer/windows/build.sh)
# Left out, and why: tests that need the reference server's own dependencies (fastapi, uvicorn,
# dlib: tests/sync, and every test using the server fixture, marked devserver by tests/conftest.py),
# scikit-image (face and page-pipeline tests), poppler's pdftoppm or a CJK font
# (documents, PDF page sources), a C compiler for a fake vendor .so (reader SDK), and Qt; the serial
# reader tests too: their 0.2 s gap timeouts are met on Linux but not reliably under Wine on a loaded
# machine (a stall mid-reply reads as a card lifted; the emulator's per-byte delays meet Windows'
# 15.6 ms sleep granularity). The TCP transport itself runs in tests/test_platform.py here and in
# the installed "yizhan devices check" of check-wine.sh. The TPM key provider's tests need swtpm
# and tpm2-pytss, which are Linux-only (the provider is not offered on Windows).
set -euo pipefail
cd "$(dirname "$0")/../.."
log() { printf '\033[1m[wine tests]\033[0m %s\n' "$*" >&2; }
STAGE=build/win/stage
[ -f "$STAGE/python/python.exe" ] || { echo "build the Windows installer first" >&2; exit 1; }
installer/need-apt.sh wine wine64 gcc-mingw-w64-x86-64-win32
WINE64="$(command -v wine64 || echo /usr/lib/wine/wine64)"
WINESERVER="$(command -v wineserver || echo /usr/lib/wine/wineserver64)"
export WINEPREFIX="$PWD/build/win/prefix-tests" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" PYTHONUTF8=1
[ -d "$WINEPREFIX" ] && "$WINESERVER" -k 2>/dev/null || true
trap '"$WINESERVER" -k 2>/dev/null || true' EXIT
rm -rf "$WINEPREFIX"
"$WINE64" wineboot -i >/dev/null 2>&1
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  installer/windows/wine-shim/bcryptprimitives.c -lbcrypt
deps=build/win/testdeps
[ -d "$deps/_pytest" ] || build/tools/bin/uv pip install -q --no-config --python-platform x86_64-pc-windows-msvc \
  --python-version 3.11 --only-binary :all: --target "$deps" "pytest>=8" "hypothesis>=6.100" "qrcode>=7.4"
root_w="$("$WINE64" winepath -w "$PWD" 2>/dev/null | tr -d '\r')"
deps_w="$("$WINE64" winepath -w "$PWD/$deps" 2>/dev/null | tr -d '\r')"
t0=$SECONDS
set +e
# (the output goes through a pipe: Wine's console handles break Python's redirected stdout)
cat > build/win/run_core_tests.py <<'PYEOF'
import sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import pytest
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "-p", "no:pytest-qt", "-W", "ignore::pytest.PytestConfigWarning",
                      "--ignore=tests/ui", "--ignore=tests/counter", "--ignore=tests/sync", "--ignore=tests/upgrade",
                      "--ignore=tests/face", "--ignore=tests/documents", "--ignore=tests/pages/test_pages_pipeline.py",
                      "--ignore=tests/pages/test_pages_sources.py", "--ignore=tests/idcard/test_idcard_sdk.py",
                      "--ignore=tests/idcard/test_idcard_serial.py", "--ignore=tests/store/test_tpm_provider.py",
                      "-k", "not qt", "-m", "not devserver"]))
PYEOF
YIZHAN_TEST_PART=core "$WINE64" "$STAGE/python/python.exe" build/win/run_core_tests.py "$deps_w" "$root_w" 2>&1 </dev/null \
  | tr -d '\r' | cat > build/win/core-tests.log
rc=${PIPESTATUS[0]}
set -e
grep -E '^(FAILED|ERROR)|[0-9]+ (passed|failed)' build/win/core-tests.log | tail -15 >&2 || true
log "Windows Python $(grep -Eo '[0-9]+ passed' build/win/core-tests.log | tail -1) in $(( SECONDS - t0 )) s (exit $rc; log build/win/core-tests.log)"
exit "$rc"
