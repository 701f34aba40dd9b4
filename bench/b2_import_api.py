"""B2: the bank's credit system creates a draft case through the local integration API:
<= 100 ms (median) per case; 10,000 imports in a row with flat memory.

The API runs as the bank's site runs it: ``yizhan integration serve`` in its own process, on a
fresh encrypted store, with a token made for the run; the client posts loan documents made of
generated fake identities (each its own loan reference) over one keep-alive connection, as a
loan system would. Figures: the median create time over the first ``B2_SAMPLE`` posts (after
a warm-up), then ``B2_N`` (default 10,000) posts in a row with the server's RSS read from
/proc after the first 1,000 and at the end (growth reported: flat means a few MB at most,
the store's 16 MiB page cache filling as the store grows). Baseline in the same run: the same documents parsed
and saved in-process (``parse_import_bytes`` + ``save_import``, no HTTP, no token), so the ratio
is what the API adds. Timings on a shared 2-core machine are noisy.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("YIZHAN_KEY_PROVIDER", "file")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "integration"))

from bench._common import bench_line, scratch_dir  # noqa: E402

N = int(os.environ.get("B2_N", "10000"))
SAMPLE = int(os.environ.get("B2_SAMPLE", "200"))
RSS_GROWTH_MB = 24.0


def documents(count: int, prefix: str):
    from api_helpers import loan_document
    from shared.devices.idcard.fake_identities import FakeFactory
    fake = FakeFactory(2026)
    base = [loan_document(fake, "x") for _ in range(50)]  # identities are reused: making them is not the figure
    for i in range(count):
        doc = dict(base[i % len(base)], loan_reference="{}-{:06d}".format(prefix, i))  # each a new loan
        yield json.dumps(doc, ensure_ascii=False).encode("utf-8")


def rss_mb(pid: int) -> float:
    for line in Path("/proc/{}/status".format(pid)).read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def baseline_ms(tmp: Path) -> float:
    """The same parse + save, in-process, on its own store."""
    from shared.domain.importer import parse_import_bytes, save_import
    from shared.store import Store
    times = []
    with Store.open(tmp / "base-data", tmp / "base-config", operator="bench") as store:
        for i, body in enumerate(documents(SAMPLE + 20, "BASE")):
            t0 = time.perf_counter()
            save_import(store, parse_import_bytes(body, None))
            if i >= 20:
                times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def start_server(tmp: Path) -> tuple[subprocess.Popen, int, str]:
    from shared.integration import credentials
    from shared.store import Store
    data, config = tmp / "data", tmp / "data.config"
    with Store.open(data, config, operator="bench") as store:
        token = credentials.new_token(store)
    env = dict(os.environ, PYTHONPATH=str(ROOT), YIZHAN_CONFIG_DIR=str(config), YIZHAN_LOG_DIR=str(tmp / "log"))
    proc = subprocess.Popen([sys.executable, "-m", "shared.cli.main", "--data-dir", str(data), "integration", "serve",
                             "--port", "0"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = ""
    while "http://127.0.0.1:" not in line:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            raise SystemExit("the API did not start: " + proc.stderr.read())
    return proc, int(line.rsplit(":", 1)[1]), token


def main() -> None:
    tmp = scratch_dir("b2-")
    base = baseline_ms(tmp)
    proc, port, token = start_server(tmp)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    times, tail, rss, failures = [], [], {}, 0
    t_all = time.perf_counter()
    try:
        for i, body in enumerate(documents(N, "LOAN")):
            t0 = time.perf_counter()
            conn.request("POST", "/v1/cases", body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            elapsed = (time.perf_counter() - t0) * 1000
            failures += resp.status != 201
            if 20 <= i < 20 + SAMPLE:
                times.append(elapsed)
            if i >= N - SAMPLE:
                tail.append(elapsed)
            if (i + 1) % max(1, N // 8) == 0 or i + 1 == min(1000, N):
                rss[i + 1] = rss_mb(proc.pid)
        rss_end = rss_mb(proc.pid)
        rss_at_1000 = rss.get(min(1000, N))
        total_s = time.perf_counter() - t_all
    finally:
        conn.close()
        proc.terminate()
        proc.wait(timeout=30)
    api = statistics.median(times)
    growth = rss_end - (rss_at_1000 or rss_end)
    print("B2 baseline (parse + save in-process, same documents): median {:.2f} ms".format(base))
    print("B2 through the API: median {:.2f} ms, p95 {:.2f} ms over {} posts; ratio to the baseline {:.2f}x".format(
        api, sorted(times)[int(len(times) * 0.95) - 1], len(times), api / base))
    print("B2 server RSS along the run: " + ", ".join("{}: {:.1f} MB".format(k, v) for k, v in sorted(rss.items())))
    print("B2 the last {} posts: median {:.2f} ms (the first: {:.2f} ms)".format(len(tail), statistics.median(tail), api))
    print("B2 {} imports in a row: {:.1f} s ({:.0f}/s), {} not created; server RSS {:.1f} MB after 1,000, "
          "{:.1f} MB at the end: growth {:+.1f} MB (flat: <= {:.0f} MB) {}".format(
              N, total_s, N / total_s, failures, rss_at_1000 or float("nan"), rss_end, growth, RSS_GROWTH_MB,
              "PASS" if growth <= RSS_GROWTH_MB and not failures else "MISS"))
    bench_line("B2", "api_create_case_median_ms", api if not failures and growth <= RSS_GROWTH_MB else float("inf"),
               "<=", 100.0, "{:.1f}")


if __name__ == "__main__":
    main()
