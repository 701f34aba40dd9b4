"""The FastAPI routes of the reference server (the handlers live in :mod:`devserver.app`)."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import fields

from devserver import envelope, masterdata, queries, registry, tus
from devserver.app import (ApiError, ServerState, _json, _need, _packet_id, announce, audit_anchor, authenticate, commit, iso,
                           note_audit_head, packet_view, signed_body, stats)
from devserver.faults import Faults
from devserver.storage import now_with_offset
from fastapi import Request  # noqa: E402  (module level: FastAPI resolves annotations here)

from shared import cryptosuite


def build(state: ServerState):
    from fastapi import FastAPI
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse, Response
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException as StarletteHTTPException

    app = FastAPI(title="Yizhan reference registration server", openapi_url=None, docs_url=None, redoc_url=None)

    @app.exception_handler(ApiError)
    async def _api_error(request, exc: ApiError):
        headers = {"Retry-After": str(int(exc.retry_after))} if exc.retry_after is not None else {}
        if request.url.path.startswith(tus.PREFIX):
            headers.update(tus.headers(**({"Tus-Version": tus.VERSION} if exc.status == 412 else {})))
        if request.method == "HEAD":
            return Response(status_code=exc.status, headers=headers)
        return JSONResponse(exc.body(), status_code=exc.status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request, exc):
        code = {404: "not_found", 405: "bad_format"}.get(exc.status_code, "error")
        err = ApiError(exc.status_code, code, "请求的地址不存在" if exc.status_code == 404 else "请求错误", str(exc.detail))
        return JSONResponse(err.body(), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request, exc):
        return JSONResponse(ApiError(400, "bad_format", "请求格式错误", "Bad request").body(), status_code=400)

    @app.exception_handler(Exception)
    async def _internal(request, exc):
        return JSONResponse(ApiError(500, "internal", "服务器内部错误，请稍后重试", "Internal server error",
                                     retryable=True).body(), status_code=500)

    # -- open endpoints ---------------------------------------------------------------------
    @app.get("/v1/time")
    async def server_time():
        now = time.time()
        return {"server_time": iso(now), "epoch": now}

    @app.get("/v1/enroll/ca")
    async def enroll_ca():
        return {"ca_pem": state.keys.ca_pem, "fingerprint": state.keys.ca_fingerprint, "suites": list(state.cfg.suites)}

    @app.post("/v1/enroll", status_code=201)
    async def enroll(request: Request):
        doc = _json(await request.body())
        _need(doc, "code", "public_key")
        suite_name = doc.get("suite", "default")
        if suite_name not in state.cfg.suites:
            raise ApiError(400, "suite_not_offered", "本服务器不提供密码套件 {}（提供：{}）".format(str(suite_name)[:20], "、".join(state.cfg.suites)),
                           "Crypto suite not offered", suites=list(state.cfg.suites))
        suite = cryptosuite.get(suite_name)
        if doc.get("key_alg", suite.sig) != suite.sig:
            raise ApiError(400, "bad_format", "设备密钥算法与密码套件不符", "Key algorithm does not match the suite")
        try:
            if not suite.check_public(envelope.unb64(doc["public_key"])):
                raise ValueError
        except ValueError:
            raise ApiError(400, "bad_format", "设备公钥格式不对", "Bad public key") from None
        device_id = "DEV-" + hashlib.sha256(doc["public_key"].encode()).hexdigest()[:16].upper()

        def use(conn):
            row = conn.execute("SELECT used_at FROM codes WHERE code = ?", (doc["code"],)).fetchone()
            if row is None or row[0] is not None:
                raise ApiError(403, "bad_code", "注册码无效或已使用", "Enrollment code invalid or used")
            now = time.time()
            conn.execute("UPDATE codes SET used_at = ?, device_id = ? WHERE code = ?", (now, device_id, doc["code"]))
            conn.execute("INSERT OR REPLACE INTO devices(device_id, public_key, name, enrolled_at, suite) VALUES (?,?,?,?,?)",
                         (device_id, doc["public_key"], str(doc.get("device_name", ""))[:100], now, suite.name))
        state.db.tx(use)
        return {"device_id": device_id, "server_time": iso(time.time()), "ca_pem": state.keys.ca_pem,
                "encryption_key": state.keys.encryption_key(suite.name)}

    # -- master data -------------------------------------------------------------------------
    @app.get("/v1/master-data")
    async def master_index(request: Request):
        await signed_body(state, request)
        return {"documents": masterdata.index()}

    @app.get("/v1/master-data/{name}")
    async def master_document(name: str, request: Request):
        await signed_body(state, request)
        return masterdata.document(name)

    # -- packets -------------------------------------------------------------------------------
    @app.post("/v1/packets")
    async def announce_packet(request: Request):
        device_id, body = await signed_body(state, request)
        status, view = await run_in_threadpool(announce, state, device_id, _json(body))
        return JSONResponse(with_upload(view, request, device_id), status_code=status,
                            headers={"Location": view["upload_url"]} if "upload_url" in view else None)

    def with_upload(view: dict, request: Request, device_id: str) -> dict:
        """A packet still uploading: where its bytes go (tus), see :mod:`devserver.tus`."""
        if view["state"] == "uploading":
            view.update(tus.view_fields(state, device_id, view["packet_id"], str(request.base_url)))
        return view

    @app.get("/v1/packets/{packet_id}")
    async def get_packet(packet_id: str, request: Request):
        device_id, _ = await signed_body(state, request)
        return with_upload(packet_view(state, _packet_id(packet_id), device_id), request, device_id)

    @app.head("/v1/packets/{packet_id}")
    async def head_packet(packet_id: str, request: Request):
        device_id, _ = authenticate(state, request)
        view = packet_view(state, _packet_id(packet_id), device_id)
        return Response(status_code=200, headers={"Upload-Offset": str(view["offset"]), "Upload-Length": str(view["size"]),
                                                  "X-Packet-State": view["state"], "Cache-Control": "no-store"})

    @app.patch("/v1/packets/{packet_id}")
    async def patch_packet(packet_id: str, request: Request):
        device_id, digest = authenticate(state, request)
        pid = _packet_id(packet_id)
        async with state.patch_lock(device_id, pid):
            view = packet_view(state, pid, device_id)
            if view["state"] != "uploading":
                raise ApiError(409, "offset_mismatch", "数据包已完整接收", "Packet already complete", offset=view["offset"])
            try:
                offset = int(request.headers.get("upload-offset", ""))
                length = int(request.headers.get("content-length", ""))
            except ValueError:
                raise ApiError(400, "bad_format", "缺少 Upload-Offset 或 Content-Length", "Upload-Offset and Content-Length required") from None
            if offset != view["offset"]:
                raise ApiError(409, "offset_mismatch", "上传位置不符，服务器已确认 {} 字节".format(view["offset"]),
                               "Offset mismatch", retryable=True, offset=view["offset"])
            if length > state.cfg.max_chunk or offset + length > view["size"]:
                raise ApiError(413, "too_large", "数据块过大或超出数据包长度", "Chunk too large")
            if digest != envelope.chunk_declaration(offset, length):
                raise ApiError(400, "digest_mismatch", "数据块的签名与其位置或长度不符", "Chunk signature does not match its offset or length",
                               retryable=True, offset=view["offset"])
            # Like tus: what arrived before a dropped link is kept (TLS delivered it intact; the
            # whole ciphertext is checked against its signed SHA-256 at commit), so a resume
            # starts from here rather than from the chunk's start.
            confirmed, dropped = await tus.receive(state, request, device_id, pid, offset, length)
            got = confirmed - offset
            if dropped:
                return Response(status_code=400)
            if got != length:
                raise ApiError(400, "digest_mismatch", "数据块不完整", "Chunk incomplete", retryable=True, offset=offset + got)
        return Response(status_code=204, headers={"Upload-Offset": str(offset + got)})

    @app.post("/v1/packets/{packet_id}/commit")
    async def commit_packet(packet_id: str, request: Request):
        device_id, body = await signed_body(state, request)
        pid = _packet_id(packet_id)
        upload_url = _json(body).get("upload_url")
        if state.cfg.tus_store is not None and isinstance(upload_url, str) and packet_view(state, pid, device_id)["state"] == "uploading":
            await run_in_threadpool(tus.take_from_store, state, device_id, pid, upload_url)  # the registry's own tus intake
        return await run_in_threadpool(commit, state, device_id, pid)

    tus.register(app, state)

    # -- answers -------------------------------------------------------------------------------
    @app.get("/v1/status")
    async def status(request: Request, cursor: int = 0, limit: int = 100):
        device_id, _ = await signed_body(state, request)
        now = now_with_offset(state.db)
        await run_in_threadpool(registry.tick, state.db, now, state.docs_dir)
        rows = state.db.all("SELECT seq, packet_id, kind, at, payload FROM events WHERE device_id = ? AND seq > ?"
                            " ORDER BY seq LIMIT ?", (device_id, cursor, max(1, min(limit, 500))))
        events = [{"seq": s, "packet_id": p, "kind": k, "at": iso(a), **json.loads(pl)} for s, p, k, a, pl in rows]
        return {"events": events, "next_cursor": rows[-1][0] if rows else cursor, "server_time": iso(now)}

    # -- the audit anchor ---------------------------------------------------------------------
    @app.post("/v1/audit-head")
    async def audit_head(request: Request):
        device_id, body = await signed_body(state, request)
        doc = _json(body)
        _need(doc, "seq", "hash")
        now = now_with_offset(state.db)
        state.db.tx(lambda conn: note_audit_head(conn, device_id, doc, now, current=True))
        return audit_anchor(state, device_id)

    @app.get("/v1/audit-head")
    async def audit_head_get(request: Request):
        device_id, _ = await signed_body(state, request)
        return audit_anchor(state, device_id)

    @app.get("/v1/documents/{doc_id}")
    async def document(doc_id: str, request: Request):
        device_id, _ = await signed_body(state, request)
        row = state.db.one("SELECT path, mime, sha256 FROM documents WHERE doc_id = ? AND device_id = ?", (doc_id, device_id))
        if row is None:
            raise ApiError(404, "not_found", "文书不存在", "Document not found")
        with open(row[0], "rb") as fh:
            data = fh.read()
        return Response(data, media_type=row[1], headers={"X-Content-SHA256": row[2]})

    @app.get("/v1/progress/{packet_id}")
    async def progress(packet_id: str, request: Request):
        device_id, _ = await signed_body(state, request)
        row = state.db.one("SELECT case_id, stage FROM packets WHERE packet_id = ? AND device_id = ?",
                           (_packet_id(packet_id), device_id))
        if row is None:
            raise ApiError(404, "not_found", "没有该业务的办理记录", "No such business")
        history = [{"kind": k, "at": iso(a)} for k, a in
                   state.db.all("SELECT kind, at FROM events WHERE packet_id = ? AND device_id = ? ORDER BY seq",
                                (packet_id, device_id))]
        return {"packet_id": packet_id, "case_id": row[0], "stage": row[1], "history": history}

    @app.post("/v1/progress-query")
    async def progress_query(request: Request):
        """Progress by business number, a party's name or ID number (stages and times only: the
        answer carries no personal data)."""
        _, body = await signed_body(state, request)
        query = str(_json(body).get("query") or "").strip()
        if len(query) < 2:
            raise ApiError(422, "invalid", "请输入业务号、姓名或证件号码", "Enter a business number, name or ID number")
        return {"results": await run_in_threadpool(registry.progress_matching, state.db, query)}

    @app.post("/v1/property-query")
    async def property_query(request: Request):
        _, body = await signed_body(state, request)
        doc = _json(body)
        _need(doc, "unit_number")
        auth = doc.get("authorization") or {}
        if not auth.get("letter_sha256") or str(auth.get("valid_until", "")) < time.strftime("%Y-%m-%d"):
            raise ApiError(403, "not_authorised", "查询需要有效的权利人授权书", "A valid authorization is required")
        rows = [(p, s, state.db.unseal(d, "case_doc")) for p, s, d in
                state.db.all("SELECT packet_id, stage, case_doc FROM packets")]
        regs = [{"packet_id": p, "stage": s, "business_code": d.get("business_code", "")}
                for p, s, d in rows if d.get("data", {}).get("property.unit_number") == doc["unit_number"]]
        mortgaged = any(r["stage"] in ("registered", "proof_issued") for r in regs)
        return {"unit_number": doc["unit_number"], "found": bool(regs), "registrations": regs,
                "restrictions": [{"kind": "mortgage", "text": "已设立抵押"}] if mortgaged else []}

    @app.post("/v1/registry-query")
    async def registry_query(request: Request):
        """A bank's query under an owner's authorization: checked here again, recorded with its
        purpose, answered with the result and the 查询结果证明 (a document to download)."""
        device_id, body = await signed_body(state, request)
        if len(body) > 16 * 1024:
            raise ApiError(413, "too_large", "查询请求过大", "Query too large")
        doc = _json(body)
        now = now_with_offset(state.db)
        return await run_in_threadpool(queries.answer, state.db, state.docs_dir, device_id, doc, now)

    @app.post("/v1/face/compare")
    async def face_compare(request: Request):
        from devserver import faces
        _, body = await signed_body(state, request)
        doc = _json(body)
        return await run_in_threadpool(faces.compare, doc, state.cfg.wlt_lib)

    # -- administration (tests, demos) -------------------------------------------------------
    def admin(request: Request) -> None:
        if request.headers.get("x-admin-token") != state.cfg.admin_token:
            raise ApiError(403, "not_authorised", "管理口令无效", "Bad admin token")

    @app.post("/admin/faults")
    async def set_faults(request: Request):
        admin(request)
        doc = _json(await request.body())
        known = {f.name for f in fields(Faults)}
        faults = Faults(**{k: v for k, v in doc.items() if k in known})
        state.injector.configure(faults)
        return {"faults": faults.to_dict()}

    @app.post("/admin/rules")
    async def set_rules(request: Request):
        admin(request)
        rules = {**registry.DEFAULT_RULES, **_json(await request.body())}
        state.db.kv_put("rules", rules)
        return {"rules": rules}

    @app.post("/admin/advance")
    async def advance(request: Request):
        admin(request)
        seconds = float(_json(await request.body()).get("seconds", 0))
        state.db.kv_put("clock_offset", float(state.db.kv_get("clock_offset", 0.0)) + seconds)
        now = now_with_offset(state.db)
        created = await run_in_threadpool(registry.tick, state.db, now, state.docs_dir)
        return {"server_time": iso(now), "events_created": created}

    @app.post("/admin/operators")
    async def set_operators(request: Request):
        """Replace the operator list (entries with clear demo secrets; [] restores the demo's)."""
        admin(request)
        masterdata.OPERATORS_OVERRIDE[:] = list(_json(await request.body()).get("operators") or [])
        return {"version": masterdata.operators_document(masterdata.OPERATORS_OVERRIDE or None)["version"]}

    @app.post("/admin/filings")
    async def add_filings(request: Request):
        """The housing department's filed contracts (网签备案) the registry can see (tests, demos)."""
        admin(request)
        items = _json(await request.body()).get("filings") or []
        return {"added": queries.add_filings(state.db, items)}

    @app.get("/admin/queries")
    async def query_audit(request: Request):
        """Every bank query the registry recorded, with its purpose and outcome."""
        admin(request)
        return {"queries": queries.audit_rows(state.db)}

    @app.post("/admin/enroll-codes", status_code=201)
    async def new_code(request: Request):
        admin(request)
        return {"code": state.new_code()}

    @app.get("/admin/stats")
    async def get_stats(request: Request):
        admin(request)
        return stats(state)

    @app.put("/admin/sink")
    async def sink(request: Request):
        """Receive a body and write it to a new file (the raw-PUT baseline of the upload bench).

        A new file each time, as an upload makes: overwriting one file would let the kernel
        drop its dirty pages unwritten and flatter the baseline."""
        admin(request)
        got = 0
        sink = state.cfg.data_dir / "sink"
        sink.mkdir(exist_ok=True)
        with open(sink / "{}.bin".format(time.time_ns()), "wb") as fh:
            async for chunk in request.stream():
                fh.write(chunk)
                got += len(chunk)
        return {"received": got}

    @app.post("/admin/reset-counters")
    async def reset_counters(request: Request):
        admin(request)
        state.injector.reset_counters()
        return stats(state)

    return app
