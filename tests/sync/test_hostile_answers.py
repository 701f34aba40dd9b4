"""Hostile answers, second round (each test fails on the code before its fix): JSON nested too
deep to decode, a body dripped under the per-read timeout, integers out of any sane range, a
query answer read without its schema, outcome documents without a bound, a CA fetch outside the
capped channel.
"""

from __future__ import annotations

import logging
import time

import pytest

from shared.errors import SyncError
from sync_helpers import fast_service
from test_hostile_server import GOOD_INDEX, GOOD_STATUS, hostile_client

DEEP = b"[" * 200000 + b"]" * 200000
DEEP_OBJ = b'{"a":' * 100000 + b"1" + b"}" * 100000


class Drip:
    """A chunked body that gives one byte at a time, each well within the per-read timeout."""

    def __init__(self, pause: float, total: int = 1000) -> None:
        self.pause, self.total, self.sent = pause, total, 0

    def read(self, n=-1, **kw):
        return b""

    def stream(self, n, decode_content=True):
        while self.sent < self.total:
            time.sleep(self.pause)
            self.sent += 1
            yield b" "

    def close(self):
        pass

    def release_conn(self):
        pass


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJ], ids=["deep_list", "deep_object"])
@pytest.mark.parametrize("status", [200, 409])
def test_json_too_deep_to_decode_is_garbage(body, status, enrolled):
    client, _ = hostile_client(enrolled, {("GET", "/v1/status"): (status, {"Content-Type": "application/json"}, body)})
    with pytest.raises(SyncError) as info:
        client.status(0)
    assert info.value.code == "sync.garbage" and info.value.retryable


def test_a_pass_against_deep_json_still_runs_and_logs_once(store, settings, enrolled, caplog):
    from shared.sync.outbox import Outbox
    client, _ = hostile_client(enrolled, {("GET", "/v1/status"): (200, {"Content-Type": "application/json"}, DEEP),
                                          ("GET", "/v1/master-data"): (200, {}, GOOD_INDEX)})
    svc = fast_service(store, settings, outbox=Outbox(store, settings), client=client)
    caplog.set_level(logging.INFO)
    for _ in range(2):
        report = svc.run_once(force=True)
        assert report.error is not None and report.error.code == "sync.garbage"
    assert sum("answered garbage" in r.getMessage() for r in caplog.records) == 1


def test_a_dripping_answer_is_cut_at_its_deadline(enrolled, monkeypatch):
    from shared.sync import client as client_mod
    monkeypatch.setitem(client_mod.DEADLINES, "status", 0.3)
    drip = Drip(0.02)
    client, _ = hostile_client(enrolled, {("GET", "/v1/status"): (200, {"Content-Type": "application/json"}, drip)})
    started = time.monotonic()
    with pytest.raises(SyncError) as info:
        client.status(0)
    assert time.monotonic() - started < 3
    assert info.value.retryable and info.value.code == "sync.offline"
    assert drip.sent < 100
    assert GOOD_STATUS  # (the fixture module's answers are shared)
