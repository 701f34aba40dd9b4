"""Coverage-guided fuzz targets (atheris) for what comes from outside.

``python tools/fuzz_targets.py TARGET [libFuzzer flags, e.g. -runs=100000]`` fuzzes one of
:data:`TARGETS`; a target may only end in its named refusal, anything else is a crash
(libFuzzer stops and the exit code is not 0). ``./dev.sh test`` runs each briefly
(tests/test_fuzz.py), bench R4 runs each for a million executions.

- ``idcard``: the ID-card reader's byte stream (frame scanner, reply parser, text decoder).
- ``case_import``: the bank-system case import document (bytes, as a file or a request).
- ``server``: a server's JSON answer against each protocol schema, Retry-After values,
  identifiers put into URLs.
- ``image``: image import (header bounds, decoding).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _idcard():
    from shared.devices.idcard import protocol as p
    from shared.devices.idcard.cardtext import decode_text

    def target(data: bytes) -> None:
        try:
            scanner = p.FrameScanner()
            scanner.feed(data)
            while (found := scanner.next_frame()) is not None:
                reply = p.parse_response(found)
                if reply.sw3 == p.SW_OK and len(reply.data) > 8:
                    decode_text(p.parse_read_data(reply.data).text)
            reply = p.parse_response(data)
            if len(reply.data) > 8:
                decode_text(p.parse_read_data(reply.data).text)
        except p.ProtocolError:
            pass
    return target


def _case_import():
    from shared.domain.importer import parse_import_bytes
    from shared.errors import ValidationError
    folder = Path(tempfile.mkdtemp(prefix="fuzz-import-"))

    def target(data: bytes) -> None:
        try:
            parse_import_bytes(data, folder)
        except ValidationError:
            pass
    return target


SCHEMAS = ("StatusPage", "PacketView", "CommitAnswer", "MasterIndex", "MasterDocument", "Progress",
           "PropertyAnswer", "EnrollResponse", "AuditAnchor", "ServerTime")


def _server():
    from shared.errors import SyncError
    from shared.sync.client import check_answer, retry_after_value, segment

    def target(data: bytes) -> None:
        if not data:
            return
        schema = SCHEMAS[data[0] % len(SCHEMAS)]
        text = data[1:].decode("utf-8", "replace")
        retry_after_value(text[:20])
        try:
            segment(text[:80])
        except SyncError:
            pass
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            return
        try:
            check_answer(schema, value)
        except SyncError:
            pass
    return target


def _image():
    from shared.devices.page_io import decode_image_bytes
    from shared.errors import CaptureError
    from shared.security.image_limits import ImageRefused, check_image

    def target(data: bytes) -> None:
        # The product's limit allows pages of 120 megapixels (legitimately ~1 GB decoded); the
        # fuzzer looks for crashes, not for big pages, so it decodes only small ones.
        try:
            check_image(data, verify=True, max_pixels=FUZZ_PIXELS)
        except ImageRefused as err:
            if err.reason != "not_image":
                return
        try:
            decode_image_bytes(data)
        except CaptureError:
            pass
    return target


FUZZ_PIXELS = 4_000_000


TARGETS = {"idcard": _idcard, "case_import": _case_import, "server": _server, "image": _image}


def seeds(name: str) -> list[bytes]:
    """A few valid inputs to start from."""
    if name == "idcard":
        from shared.devices.idcard.emulator import encode_read_reply, make_demo_card
        return [encode_read_reply(make_demo_card())]
    if name == "case_import":
        return [(ROOT / "resources" / "samples" / "case_mortgage_first.json").read_bytes()]
    if name == "server":
        return [b"\x00" + json.dumps({"events": [], "next_cursor": 0, "server_time": "x"}).encode()]
    import cv2
    import numpy as np
    return [cv2.imencode(".png", np.zeros((20, 20, 3), np.uint8))[1].tobytes()]


def main(argv: list[str]) -> None:
    import atheris
    name = argv[1]
    with atheris.instrument_imports():
        target = TARGETS[name]()
    corpus = Path(tempfile.mkdtemp(prefix="fuzz-corpus-"))
    for i, seed in enumerate(seeds(name)):
        (corpus / "seed{}".format(i)).write_bytes(seed)
    atheris.Setup([argv[0], *argv[2:], str(corpus)], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
