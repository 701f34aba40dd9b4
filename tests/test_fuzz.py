"""Class 9 of the hardening: coverage-guided fuzz targets (atheris) run briefly in every test
run (bench R4 runs each for a million executions).

Fails on the code before the hardening: the targets did not exist, and the image target's
first finding (a 50-byte PNG whose chunk header claims 4 GB, which OpenCV allocated) is kept
below as a regression check under a 1 GB address-space limit.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ("idcard", "case_import", "server", "image")
RUNS = int(os.environ.get("YIZHAN_FUZZ_RUNS", "3000"))


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.mark.parametrize("target", TARGETS)
def test_fuzz_target_runs_without_a_crash(target, tmp_path):
    pytest.importorskip("atheris")
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "fuzz_targets.py"), target, "-runs={}".format(RUNS),
                           "-max_len=4096", "-rss_limit_mb=1536", "-artifact_prefix={}/".format(tmp_path)],
                          cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Done {} runs".format(RUNS) in proc.stderr


OOM_PNG = "iVBORw0KGgoAAAANSUhEUgAAABQAAAAUCAIAAAAC64pa64paAElEQVQ3RU5ErkJggg=="


def test_a_png_chunk_claiming_gigabytes_is_refused_before_any_decoder():
    from shared.security.image_limits import ImageRefused, check_image
    data = base64.b64decode(OOM_PNG)
    assert data[:4] == b"\x89PNG" and len(data) < 100
    with pytest.raises(ImageRefused):
        check_image(data)  # OpenCV would have allocated the 4 GB the chunk header claims
