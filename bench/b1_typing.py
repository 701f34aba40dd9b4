"""B1: characters typed for one counter mortgage first registration whose loan came from the
bank's system. Goal: <= 30.

The count comes from the end-to-end GUI walk (tests/sync/b1_walks.py through
tests/sync/test_b1_typing_qt.py): the real counter window against the reference server, every
key press into an editable widget and every text committed without keys counted. The same
run also walks the baseline: the same registration without the import (today: the bank and
the loan's terms typed into the form), and prints the ratio. Counts, not times: they do not
depend on the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import bench_line, scratch_dir  # noqa: E402

GOAL = 30


def main() -> int:
    tmp = scratch_dir("yz-b1-")
    report = tmp / "b1.jsonl"
    env = {**os.environ, "YIZHAN_B1_BASELINE": "1", "YIZHAN_B1_REPORT": str(report),
           "YIZHAN_TEST_PART": "qt", "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W",
                          "ignore::pytest.PytestConfigWarning", "--basetemp", str(tmp / "pytest"),
                          "tests/sync/test_b1_typing_qt.py::test_b1_typed_characters"],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    rows = {}
    if report.exists():
        for line in report.read_text("utf-8").splitlines():
            row = json.loads(line)
            rows[row["walk"]] = row
    if set(rows) != {"imported", "typed"}:
        print(run.stdout[-4000:], run.stderr[-2000:], sep="\n")
        print("BENCH B1 typed_chars=nan goal <=30 MISS")
        return 1
    for name in ("typed", "imported"):
        row = rows[name]
        detail = ", ".join("{} {}".format(what, n) for what, n in row["log"])
        print("{:9s} typed {:4d} (keys {}, committed {}): {}".format(name, row["typed"], row["keys"],
                                                                    row["committed"], detail))
    base, value = rows["typed"]["typed"], rows["imported"]["typed"]
    print("baseline (same walk without import) typed_chars={}  ratio import/baseline={:.3f}".format(base, value / base))
    if run.returncode != 0:
        print("the walk's test failed:", run.stdout[-2000:])
    bench_line("B1", "typed_chars", value, "<=", GOAL, "{:d}")
    return 0 if run.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
