"""R5: the hardening's attack classes as a suite: attacks tried, refused, failed.

Each attack is one thing a hostile server, a hostile file or a dishonest disk does; it is
"refused" when the product answers with its own error (or keeps going as it should) and
"failed" when it crashes with a traceback, blocks, follows the attacker or takes the input.
The goal is 0 failed. Classes: 1 hostile server answers, 2 hostile input files, 3 stuck
packets, 4 the store's file, 5 things left behind, 6 the audit anchor.
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import stat
import struct
import sys
import threading
import traceback
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import bench_line, scratch_dir  # noqa: E402

RESULTS: list[tuple[str, str, str]] = []


def attack(name: str):
    def wrap(fn):
        def run(*a):
            try:
                ok = fn(*a)
                RESULTS.append((name, "refused" if ok else "failed", "" if ok else "accepted"))
            except Exception as exc:  # a traceback is a failure
                RESULTS.append((name, "failed", "{}: {}".format(type(exc).__name__, str(exc)[:80])))
                traceback.print_exc(limit=2)
        run.attack_name = name
        return run
    return wrap


# -- class 1: a hostile server -------------------------------------------------------------------
class _Raw:
    def __init__(self, data: bytes) -> None:
        self._io = io.BytesIO(data)

    def read(self, n=-1, **kw):
        return self._io.read(n)

    def stream(self, n, decode_content=True):
        while True:
            part = self._io.read(n)
            if not part:
                return
            yield part

    def close(self):
        pass

    def release_conn(self):
        pass


def _hostile(ident, status: int, headers: dict, body, seen: list):
    import requests
    from requests.adapters import BaseAdapter
    from requests.structures import CaseInsensitiveDict

    from shared.sync.client import SyncClient

    class Fake(BaseAdapter):
        def send(self, request, **kw):
            seen.append(request.url)
            resp = requests.Response()
            resp.status_code = status
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            resp.headers = CaseInsensitiveDict({"Content-Type": "application/json", **headers})
            resp.raw, resp.url, resp.request, resp.connection = _Raw(data), request.url, request, self
            return resp

        def close(self):
            pass
    client = SyncClient(ident)
    client.session.mount("https://", Fake())
    return client


def server_attacks(ident):
    from shared.errors import SyncError
    good = {"events": [], "next_cursor": 0, "server_time": "x"}
    shapes = {
        "redirect_307_to_http": (307, {"Location": "http://evil.example/x"}, b""),
        "redirect_302_to_other_host": (302, {"Location": "https://evil.example/x"}, b""),
        "events_wrong_type": (200, {}, {**good, "events": "x"}),
        "event_is_a_number": (200, {}, {**good, "events": [5]}),
        "seq_is_a_string": (200, {}, {**good, "events": [{"seq": "1", "packet_id": "p", "kind": "accepted", "at": "x"}]}),
        "doc_id_path_traversal": (200, {}, {**good, "events": [{"seq": 1, "packet_id": "p", "kind": "accepted", "at": "x",
                                   "documents": [{"doc_id": "../../etc", "kind": "receipt", "name": "n", "mime": "m",
                                                  "sha256": "0" * 64, "size": 1}]}]}),
        "body_over_the_cap": (200, {}, b" " * (9 << 20)),
        "content_length_lies_big": (200, {"Content-Length": str(1 << 40)}, b"{}"),
        "retry_after_superscript": (429, {"Retry-After": "\u00b2", "Content-Type": "text/plain"}, b"x"),
        "retry_after_negative_in_envelope": (503, {}, {"code": "unavailable", "message": "", "message_en": "",
                                                       "retryable": True, "retry_after": -5}),
        "error_offset_string": (409, {}, {"code": "offset_mismatch", "message": "", "message_en": "",
                                          "retryable": True, "retry_after": None, "offset": "9"}),
    }
    for name, (status, headers, body) in shapes.items():
        @attack("1 server: " + name)
        def one(status=status, headers=headers, body=body, name=name):
            seen: list = []
            client = _hostile(ident, status, headers, body, seen)
            try:
                client.status(0)
            except SyncError as err:
                ra = err.retry_after
                return len(seen) == 1 and (ra is None or 0 <= ra <= 86400)
            return False
        one()
    index_shapes = {"master_index_not_a_list": {"documents": {"a": 1}},
                    "master_name_is_a_path": {"documents": [{"name": "../config/settings", "version": "1"}]}}
    for name, body in index_shapes.items():
        @attack("1 server: " + name)
        def two(body=body):
            seen: list = []
            client = _hostile(ident, 200, {}, body, seen)
            try:
                idx = client.master_index()
                client.master_document(idx["documents"][0]["name"])
            except SyncError:
                return len(seen) == 1
            return False
        two()
    for name, view in {"negative_max_chunk": {"max_chunk": -1}, "string_offset": {"offset": "3"}}.items():
        @attack("1 server: " + name)
        def three(view=view):
            body = {"packet_id": "p", "state": "uploading", "offset": 0, "size": 10, "sha256": "0" * 64, **view}
            try:
                _hostile(ident, 200, {}, body, []).packet_status("p")
            except SyncError as err:
                return err.code == "sync.garbage"
            return False
        three()

    @attack("1 server: plain http server url")
    def plain_http():
        from dataclasses import replace

        from shared.errors import TrustError
        from shared.sync.client import SyncClient
        try:
            SyncClient(replace(ident, server_url="http://127.0.0.1:1"))
        except TrustError:
            return True
        return False
    plain_http()


# -- class 2: hostile files ------------------------------------------------------------------------
def _png(w: int, h: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * (w + 1) * 4)) + chunk(b"IEND", b""))


def file_attacks(base: Path):
    from shared.domain.importer import load_import, parse_import, parse_import_bytes
    from shared.errors import CaptureError, ValidationError
    sample = json.loads((Path(__file__).resolve().parents[1] / "resources" / "samples" / "case_mortgage_first.json").read_text("utf-8"))
    sample.pop("materials", None)
    folder = base / "import"
    folder.mkdir()

    def refused(doc) -> bool:
        try:
            parse_import(doc, folder)
        except ValidationError:
            return True
        return False

    def variant(**changes):
        doc = json.loads(json.dumps(sample))
        for path, value in changes.items():
            if path == "name":
                doc["parties"][0]["name"] = value
            elif path == "agent":
                doc["parties"][0]["agent"] = value
            else:
                doc[path] = value
        return doc
    cases = {"list_for_materials": variant(materials=["a"]), "string_for_parties": variant(parties="x"),
             "five_million_char_name": variant(name="x" * 5_000_000), "agent_as_list": variant(agent=["x"]),
             "agent_unknown_key": variant(agent={"name": "a", "evil": 1}),
             "nested_object_in_a_field": variant(remarks={"a": {"b": {"c": 1}}}),
             "too_many_parties": variant(parties=[sample["parties"][0]] * 100),
             "materials_string_not_list": variant(materials={"identity": "x.jpg"})}
    for name, doc in cases.items():
        attack("2 import: " + name)(lambda doc=doc: refused(doc))()
    attack("2 import: 200k nested brackets")(lambda: _raises(lambda: parse_import_bytes(b"[" * 200_000 + b"]" * 200_000, folder), ValidationError))()
    attack("2 import: 2 MiB document")(lambda: _raises(lambda: parse_import_bytes(b" " * (2 << 20), folder), ValidationError))()
    (base / "outside.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "magic.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 50)
    os.mkfifo(folder / "fifo.jpg")
    os.mkfifo(folder / "fifo.json")
    (folder / "bomb.png").write_bytes(_png(20000, 20000))
    for name, rel in {"material_outside_folder": "../outside.jpg", "material_dev_zero": "/dev/zero",
                      "material_fifo": "fifo.jpg", "material_magic_bytes_only": "magic.jpg",
                      "material_pixel_bomb": "bomb.png"}.items():
        attack("2 import: " + name)(lambda rel=rel: _bounded(lambda: refused(variant(materials={"identity": [rel]}))))()
    attack("2 import: import file is a FIFO")(lambda: _bounded(lambda: _raises(lambda: load_import(folder / "fifo.json"), ValidationError)))()

    def bomb():
        from shared.devices.page_io import decode_image_bytes
        try:
            decode_image_bytes(_png(20000, 20000))
        except CaptureError as err:
            return err.code == "file.too_many_pixels"
        return False
    attack("2 image: 20000x20000 PNG page")(bomb)()


def _raises(fn, kind) -> bool:
    try:
        fn()
    except kind:
        return True
    return False


def _bounded(fn) -> bool:
    """``fn()`` in a thread: a hang (a FIFO read) is a failure, not a stuck bench."""
    box: list = []
    t = threading.Thread(target=lambda: box.append(fn()), daemon=True)
    t.start()
    t.join(30)
    return bool(box and box[0])


# -- classes 3 to 6: against the reference server --------------------------------------------------
def flow_attacks(srv, base: Path):
    from shared.config import Settings
    from shared.domain.case import Case
    from shared.errors import StoreError
    from shared.store import Store
    from shared.sync import enrollment
    from shared.sync.outbox import Outbox
    from shared.sync.service import SyncService
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "sync"))
    from sync_helpers import OPEN_SETTINGS, load_sample  # the sample case taken to "ready"

    def fresh(tag: str):
        cfg = base / (tag + "-cfg")
        cfg.mkdir(parents=True)
        (cfg / "settings.json").write_text(json.dumps(OPEN_SETTINGS))
        store = Store.open(base / (tag + "-data"), cfg, operator="bench")
        enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
        return store, Settings.load(cfg)

    def drain(store, settings):
        svc = SyncService(store, settings)
        for _ in range(20):
            svc.run_once(force=True)
            if not svc.outbox.items(("queued", "announced", "uploading", "uploaded")):
                break
        return svc.outbox

    @attack("3 packet: flipped bit in the packet file")
    def flipped():
        store, settings = fresh("flip")
        with store:
            case = load_sample(store)
            item = Outbox(store, settings).submit(case.id)
            p = Outbox(store, settings).path(item)
            data = bytearray(p.read_bytes())
            data[len(data) // 2] ^= 1
            p.write_bytes(bytes(data))
            outbox = drain(store, settings)
            return all(i.state not in ("failed",) for i in outbox.items()) and srv.state.db.one(
                "SELECT count(*) FROM packets WHERE case_id = ?", (case.id,))[0] == 1
    flipped()

    @attack("3 packet: id squatted by another device")
    def squat():
        from shared.sync import crypto
        from shared.sync.client import SyncClient
        store, settings = fresh("victim")
        other, _ = fresh("squatter")
        with store, other:
            case = load_sample(store)
            item = Outbox(store, settings).submit(case.id)
            ident = enrollment.require(other)
            sig = crypto.b64e(crypto.sign(ident.device_private, crypto.ciphertext_statement(item.packet_id, 10, "0" * 64)))
            SyncClient(ident).announce(item.packet_id, 10, "0" * 64, sig)
            drain(store, settings)
            return srv.state.db.one("SELECT count(*) FROM packets WHERE case_id = ? AND device_id = ?",
                                    (case.id, enrollment.require(store).device_id))[0] == 1
    squat()

    @attack("4 store: database file deleted, key kept")
    def deleted():
        d, c = base / "del-data", base / "del-cfg"
        with Store.open(d, c) as s:
            s.save_case(Case("mortgage_first_general"))
        (d / "yizhan.db").unlink()
        try:
            Store.open(d, c)
        except StoreError as err:
            return err.code == "store.file_missing" and not (d / "yizhan.db").exists()
        return False
    deleted()

    @attack("4 store: damaged page met by a read")
    def damaged():
        d, c = base / "dmg-data", base / "dmg-cfg"
        with Store.open(d, c) as s:
            case = Case("mortgage_first_general")
            s.save_case(case)
            blob = s.blobs.add(case.id, "page", os.urandom(3 << 20), "image/jpeg", slot="identity")
        db = d / "yizhan.db"
        with open(db, "r+b") as fh:
            fh.seek(db.stat().st_size - 40000)
            fh.write(b"\0" * 64)
        with Store.open(d, c) as s:
            try:
                s.blobs.get(blob.id)
            except StoreError as err:
                return err.code == "store.damaged"
        return False
    damaged()

    @attack("5 render: output is a FIFO")
    def render_fifo():
        from shared.cli.main import main
        d = base / "render-data"
        with Store.open(d, base / "render-cfg") as s:
            case = load_sample(s, ready=False)
        fifo = base / "out.pdf"
        os.mkfifo(fifo)
        rc = main(["--data-dir", str(d), "render", "application", "--case", case.id, "--out", str(fifo)])
        return rc == 1 and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    os.environ["YIZHAN_CONFIG_DIR"] = str(base / "render-cfg")
    render_fifo()

    @attack("5 render: write fails half-way (no temp copy left)")
    def render_full():
        from shared.cli.main import main
        d = base / "render-data"
        with Store.open(d, base / "render-cfg") as s:
            case = s.list_cases()[0]
        out = base / "rout"
        out.mkdir()
        real = os.fsync
        os.fsync = lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full"))
        try:
            rc = main(["--data-dir", str(d), "render", "application", "--case", case.id, "--out", str(out / "a.pdf")])
        finally:
            os.fsync = real
        return rc == 1 and list(out.iterdir()) == []
    render_full()

    @attack("5 terminal: escape sequences in printed text")
    def escapes():
        from contextlib import redirect_stderr, redirect_stdout

        from shared.cli.main import main
        buf = io.StringIO()
        with redirect_stdout(buf), redirect_stderr(buf):
            main(["--data-dir", str(base / "render-data"), "case", "show", "YZ\x1b]0;x\x07\x1b[2J"])
        return "\x1b" not in buf.getvalue() and "\x07" not in buf.getvalue()
    escapes()

    @attack("5 server: case data at rest in clear")
    def at_rest():
        store, settings = fresh("rest")
        with store:
            case = load_sample(store)
            Outbox(store, settings).submit(case.id)
            drain(store, settings)
            srv.state.db.conn.execute("PRAGMA wal_checkpoint(FULL)")
            blob = b"".join(p.read_bytes() for p in srv.state.cfg.data_dir.glob("server.db*"))
            return case.parties[0].id_number.encode() not in blob
    at_rest()

    @attack("6 audit: store rolled back to an older copy")
    def rollback():
        from shared.sync.anchor import verify_against_server
        from shared.sync.client import SyncClient
        store, settings = fresh("rb")
        d = Path(store.path).parent
        store.save_case(Case("mortgage_first_general"))
        store.close()
        shutil.copytree(d, base / "rb-old")
        with Store.open(d, base / "rb-cfg") as s:
            s.save_case(Case("mortgage_first_general"))
            SyncService(s, settings).run_once(force=True)
        shutil.rmtree(d)
        shutil.copytree(base / "rb-old", d)
        with Store.open(d, base / "rb-cfg") as s:
            client = SyncClient(enrollment.require(s))
            client.audit_heartbeat(s.audit_head())
            return bool(verify_against_server(s, client))
    rollback()

    @attack("6 audit: retention setting of 0 days")
    def retention():
        import datetime as _dt
        store, settings = fresh("ret")
        with store:
            store.save_case(Case("mortgage_first_general"))
            n = len(store.audit_rows())
            settings.values["audit_retention_days"] = 0
            Outbox(store, settings).purge(now=_dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(days=30))
            return len(store.audit_rows()) >= n
    retention()


def main() -> None:
    from devserver.main import start_in_thread
    from shared.store import Store
    from shared.sync import enrollment
    base = scratch_dir("r5-")
    os.environ.setdefault("YIZHAN_KEY_PROVIDER", "file")
    srv = start_in_thread(base / "srv", rsa_bits=2048)
    try:
        with Store.open(base / "data", base / "cfg", operator="bench") as store:
            ident = enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
        server_attacks(ident)
        file_attacks(base)
        flow_attacks(srv, base)
    finally:
        srv.close()
    failed = [r for r in RESULTS if r[1] == "failed"]
    for name, result, why in RESULTS:
        print("{:8} {}{}".format(result, name, "  ({})".format(why) if why else ""))
    print("attacks tried {}, refused {}, failed {}".format(len(RESULTS), len(RESULTS) - len(failed), len(failed)))
    bench_line("R5", "failed", len(failed), "<=", 0, fmt="{:d}")


if __name__ == "__main__":
    main()
