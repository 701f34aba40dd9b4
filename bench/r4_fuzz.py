"""R4: fuzz executions without a crash, per target, in the long run.

Runs each coverage-guided target of ``tools/fuzz_targets.py`` (ID-card frames, case import,
server answers, image import) for ``R4_RUNS`` executions (default 1,000,000) in its own
process; a crash, a leak past the memory limit or a timeout stops that target. The figure is
the smallest number of executions any target completed without a crash.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import bench_line, scratch_dir  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("R4_RUNS", "1000000"))
TARGETS = ("idcard", "case_import", "server", "image")


def run(target: str, work: Path) -> int:
    """Executions completed without a crash (RUNS when the run finished cleanly)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "fuzz_targets.py"), target, "-runs={}".format(RUNS),
                           "-max_len=4096", "-rss_limit_mb=2048", "-timeout=60", "-print_final_stats=1",
                           "-artifact_prefix={}/".format(work)],
                          cwd=work, env=env, capture_output=True, text=True)
    done = [int(n) for n in re.findall(r"^#(\d+)\s", proc.stderr, re.M)]
    execs = RUNS if proc.returncode == 0 else (max(done) if done else 0)
    rate = re.findall(r"stat::average_exec_per_sec:\s*(\d+)", proc.stderr)
    print("{}: {} executions{}, {} exec/s".format(target, execs, "" if proc.returncode == 0 else " then a CRASH",
                                                  rate[-1] if rate else "?"), flush=True)
    return execs


def main() -> None:
    base = scratch_dir("r4-")  # the corpora go; a crash's input is kept (findings dir) to be fixed
    findings = Path(tempfile.mkdtemp(prefix="r4-findings-", dir=os.environ.get("BENCH_TMP")))
    results = {}
    for target in TARGETS:
        work = base / target
        work.mkdir()
        results[target] = run(target, work)
        for f in work.glob("*-*"):
            if f.name.split("-")[0] in ("crash", "oom", "timeout", "leak"):
                f.rename(findings / "{}-{}".format(target, f.name))
    kept = sorted(p.name for p in findings.iterdir())
    if kept:
        print("inputs that crashed a target, kept in {}: {}".format(findings, ", ".join(kept)))
    else:
        findings.rmdir()
    bench_line("R4", "min_execs_without_crash", min(results.values()), ">=", 1_000_000, fmt="{:d}")


if __name__ == "__main__":
    main()
