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


MIN_RUNS_NEAR_GOAL = 5   # a figure within 10% of its goal is the median of at least 5 runs
NEAR_GOAL = 0.10


def near_goal(value: float, goal: float) -> bool:
    """Whether ``value`` lies within 10% of ``goal`` (either side)."""
    return abs(value - goal) <= NEAR_GOAL * abs(goal)


def figure(measure: Callable[[], float], goal: float, runs: int = 1,
           label: str = "") -> tuple[float, list[float]]:
    """A figure from ``runs`` runs of ``measure`` (each a whole measurement, e.g. a median of
    timings); when the median lies within 10% of ``goal``, more runs until there are at least
    five. Returns the median and the runs (printed, so the spread can be read)."""
    values = [measure() for _ in range(max(1, runs))]
    while len(values) < MIN_RUNS_NEAR_GOAL and near_goal(statistics.median(values), goal):
        values.append(measure())
    value = statistics.median(values)
    if label:
        print("{}: median {:.4g} of {} run(s): {}".format(
            label, value, len(values), " ".join("{:.4g}".format(v) for v in values)), flush=True)
    return value, values


def bench_line(bench_id: str, name: str, value: float, op: str, goal: float,
               fmt: str = "{:.3g}", runs: list[float] | None = None) -> str:
    """Print and return ``BENCH <ID> <name>=<value> goal <op><goal> PASS|MISS``.

    ``runs``: the runs ``value`` is the median of (then ``value`` is recomputed from them). A
    timing within 10% of its goal must be the median of at least five runs (:func:`figure`
    takes care of it); a figure that is not says so on the line before, so a lucky single run
    next to its goal cannot pass unremarked. (Exact counts, e.g. attacks refused, are not noisy
    and need no repeat: their benches pass no ``runs``.)"""
    if runs:
        value = statistics.median(runs)
        if near_goal(value, goal) and len(runs) < MIN_RUNS_NEAR_GOAL:
            print("note: {} is within 10% of its goal but the median of only {} run(s)".format(
                name, len(runs)), flush=True)
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
