"""Class 2 of the hardening: every input file is bounded before it is read.

Each test fails on the code before the hardening: a list where an object belongs or an
agent with an unknown key gave a traceback, a 5,000,000-character name and objects nested
in a field were accepted, unknown agent keys were dropped, a material FIFO blocked the import
forever, a material outside the import's directory was read, a file with JPEG magic bytes and
no image behind them was accepted, and an image declaring 11000 x 11000 pixels was handed to
the decoder.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from shared.devices.testpages import png_declaring
from shared.domain.importer import load_import, parse_import
from shared.errors import CaptureError, ValidationError

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "case_mortgage_first.json"


def _doc() -> dict:
    doc = json.loads(SAMPLE.read_text("utf-8"))
    doc.pop("materials", None)
    return doc


def _errors(doc, base: Path) -> dict:
    with pytest.raises(ValidationError) as err:
        parse_import(doc, base)
    return err.value.errors


def _jpeg() -> bytes:
    import cv2
    import numpy as np
    return cv2.imencode(".jpg", np.full((64, 64, 3), 180, np.uint8))[1].tobytes()


def test_wrong_container_types_are_errors_with_their_path(tmp_path):
    doc = _doc()
    doc["materials"] = ["id.jpg"]
    assert "$.materials" in _errors(doc, tmp_path)
    doc = _doc()
    doc["parties"][0]["agent"] = ["someone"]
    assert "$.parties[0].agent" in _errors(doc, tmp_path)
    doc = _doc()
    doc["materials"] = {"identity": "id.jpg"}
    assert "$.materials.identity" in _errors(doc, tmp_path)
    doc = _doc()
    doc["business"] = [{"role": "debtor"}]  # the fuzzer's first finding in the import
    assert "$.business" in _errors(doc, tmp_path)


def test_unknown_keys_are_errors_never_dropped(tmp_path):
    doc = _doc()
    doc["parties"][0]["agent"] = {"name": "张三", "nickname": "x"}
    assert "$.parties[0].agent.nickname" in _errors(doc, tmp_path)


def test_strings_depth_and_party_counts_are_bounded(tmp_path):
    doc = _doc()
    doc["parties"][0]["name"] = "张" * 5_000_000
    assert "$.parties[0].name" in _errors(doc, tmp_path)
    doc = _doc()
    key = next(k for k, v in doc.items() if isinstance(v, dict))
    sub = next(iter(doc[key]))
    doc[key][sub] = {"a": {"b": 1}}
    assert "$.{}.{}".format(key, sub) in _errors(doc, tmp_path)
    doc = _doc()
    doc["parties"] = [dict(doc["parties"][0]) for _ in range(50)]
    assert "$.parties" in _errors(doc, tmp_path)
    from shared.domain.importer import parse_import_bytes  # the one entry of any import endpoint
    with pytest.raises(ValidationError):
        parse_import_bytes(b"[" * 200_000 + b"]" * 200_000, tmp_path)
    with pytest.raises(ValidationError):
        parse_import_bytes(b" " * (2 << 20), tmp_path)


def _not_a_regular_file(path, fifo: bool = hasattr(os, "mkfifo")) -> None:
    """A FIFO where the OS has them (reading one would block forever), else a folder."""
    if fifo:
        os.mkfifo(path)
    else:
        path.mkdir()


@pytest.mark.parametrize("fifo", [True, False] if hasattr(os, "mkfifo") else [False])
def test_material_files_are_regular_confined_and_decoded(tmp_path, fifo):
    base = tmp_path / "import"
    base.mkdir()
    (tmp_path / "secret.jpg").write_bytes(_jpeg())
    (base / "magic_only.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 100)
    (base / "ok.jpg").write_bytes(_jpeg())
    _not_a_regular_file(base / "pipe.jpg", fifo)
    doc = _doc()
    doc["materials"] = {"identity": ["../secret.jpg", "magic_only.jpg", "pipe.jpg", "/dev/zero", "ok.jpg"]}
    (base / "case.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    box: dict = {}

    def run():
        try:
            load_import(base / "case.json")
        except ValidationError as err:
            box["errors"] = err.errors
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)  # a hang detector (the FIFO), not a timing assertion
    assert not worker.is_alive(), "the import blocked on a FIFO"
    errors = box["errors"]
    for i in range(4):
        assert "$.materials.identity[{}]".format(i) in errors
    assert "$.materials.identity[4]" not in errors


@pytest.mark.parametrize("fifo", [True, False] if hasattr(os, "mkfifo") else [False])
def test_the_import_file_itself_is_regular_and_bounded(tmp_path, fifo):
    _not_a_regular_file(tmp_path / "pipe.json", fifo)
    box: dict = {}

    def run():
        try:
            load_import(tmp_path / "pipe.json")
        except ValidationError as err:
            box["code"] = err.code
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive() and box["code"] == "import.open"


def test_an_image_declaring_too_many_pixels_is_refused_before_decoding(tmp_path):
    from shared.devices.page_io import decode_image_bytes
    bomb = png_declaring(11000, 11000)
    assert len(bomb) < 100_000
    with pytest.raises(CaptureError) as err:
        decode_image_bytes(bomb, "bomb.png")
    assert err.value.code == "file.too_many_pixels"
    (tmp_path / "bomb.png").write_bytes(bomb)
    doc = _doc()
    doc["materials"] = {"identity": ["bomb.png"]}
    assert "$.materials.identity[0]" in _errors(doc, tmp_path)
