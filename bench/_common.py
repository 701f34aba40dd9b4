"""Helpers for the benchmark scripts: timing and the closing BENCH line."""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable


def median_ms(fn: Callable[[], object], repeat: int = 20, warmup: int = 2) -> float:
    """Median wall time of ``fn`` in milliseconds."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def bench_line(bench_id: str, name: str, value: float, op: str, goal: float,
               fmt: str = "{:.3g}") -> str:
    """Print and return ``BENCH <ID> <name>=<value> goal <op><goal> PASS|MISS``."""
    ok = {"<=": value <= goal, ">=": value >= goal, "<": value < goal, ">": value > goal}[op]
    line = "BENCH {} {}={} goal {}{} {}".format(bench_id, name, fmt.format(value), op,
                                                fmt.format(goal), "PASS" if ok else "MISS")
    print(line, flush=True)
    return line


def scratch_dir(prefix: str) -> Path:
    """A temporary folder (under ``$BENCH_TMP`` if set) removed when the script exits: the
    upload benches write gigabytes, and leaving them behind once filled the disk here."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=os.environ.get("BENCH_TMP")))
    atexit.register(shutil.rmtree, path, True)
    return path
