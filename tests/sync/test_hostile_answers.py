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


ENVELOPE = {"code": "upload_incomplete", "message": "", "message_en": "", "retryable": True, "retry_after": None}
ANCHOR = {"seq": 0, "hash": "0" * 64, "findings": []}
EVENT = {"packet_id": "p1", "kind": "accepted", "at": "2026-01-01T00:00:00Z"}


@pytest.mark.parametrize("offset", [None, 2 ** 63, 2 ** 53, -1, 12.0, True, "12"])
def test_a_commit_error_offset_out_of_range_or_type_is_garbage(offset, enrolled):
    client, _ = hostile_client(enrolled, {("POST", "/v1/packets/"): (409, {}, {**ENVELOPE, "offset": offset})})
    with pytest.raises(SyncError) as info:
        client.commit("p1")
    assert info.value.code == "sync.garbage" and info.value.retryable


@pytest.mark.parametrize("answer", [
    {**ANCHOR, "prove": [2 ** 70]}, {**ANCHOR, "prove": [2 ** 63]}, {**ANCHOR, "seq": 10 ** 30},
    {**ANCHOR, "prove": [1.0]}, {**ANCHOR, "seq": True}], ids=["prove_2_70", "prove_2_63", "seq_huge", "float", "bool"])
def test_an_audit_anchor_with_integers_out_of_range_is_garbage(answer, store, enrolled):
    from shared.sync.anchor import heartbeat, verify_against_server
    client, _ = hostile_client(enrolled, {("GET", "/v1/audit-head"): (200, {}, answer),
                                          ("POST", "/v1/audit-head"): (200, {}, ANCHOR)})
    for call in (heartbeat, verify_against_server):
        with pytest.raises(SyncError) as info:
            call(store, client)
        assert info.value.code == "sync.garbage"


def test_a_number_that_is_not_json_is_garbage(enrolled):
    client, _ = hostile_client(enrolled, {("GET", "/v1/time"): (200, {"Content-Type": "application/json"},
                                                                  b'{"server_time": "x", "epoch": NaN}')})
    with pytest.raises(SyncError) as info:
        client.server_time()
    assert info.value.code == "sync.garbage"


@pytest.mark.parametrize("seq", [10 ** 30, 2 ** 53, 2 ** 53 - 1, 10 ** 13])
def test_an_event_seq_far_beyond_the_cursor_never_moves_it(seq, store, settings, enrolled):
    from shared.sync import state
    from shared.sync.outbox import Outbox
    from shared.sync.puller import CURSOR, StatusPuller
    page = {**GOOD_STATUS, "events": [{**EVENT, "seq": seq}], "next_cursor": seq}
    client, _ = hostile_client(enrolled, {("GET", "/v1/status"): (200, {}, page)})
    with pytest.raises(SyncError) as info:
        StatusPuller(Outbox(store, settings), client).pull_once()
    assert info.value.code == "sync.garbage"
    assert int(state.read(store, CURSOR, 0)) == 0


PROGRESS_SHAPES = {
    "results_dict": {"results": {"case_id": "c1"}},
    "results_int": {"results": 5},
    "results_strings": {"results": ["a", "b"]},
    "str_history": {"results": [{"packet_id": "p1", "case_id": "c1", "stage": "accepted", "history": "long"}]},
    "int_caseid": {"results": [{"packet_id": "p1", "case_id": 7, "stage": "accepted", "history": []}]},
    "list_stage": {"results": [{"packet_id": "p1", "case_id": "c1", "stage": ["accepted"], "history": []}]},
}


@pytest.mark.parametrize("name", sorted(PROGRESS_SHAPES))
def test_a_progress_query_answer_of_the_wrong_shape_is_garbage(name, enrolled):
    client, _ = hostile_client(enrolled, {("POST", "/v1/progress-query"): (200, {}, PROGRESS_SHAPES[name])})
    with pytest.raises(SyncError) as info:
        client.progress_query("x")
    assert info.value.code == "sync.garbage"


def test_every_json_answer_needs_its_schema(enrolled):
    client, _ = hostile_client(enrolled, {("GET", "/v1/anything"): (200, {}, {"ok": True})})
    with pytest.raises(SyncError) as info:
        client.request("GET", "/v1/anything")
    assert info.value.code == "sync.garbage"
