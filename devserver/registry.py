"""The reference server playing the registry: it reviews each delivered packet and answers.

Rules (``POST /admin/rules`` or ``--rules FILE``)::

    {"accept_delay": 0, "register_delay": 0, "proof_delay": 0,   # seconds of server time
     "jurisdiction": ["3501"],          # region-code prefixes this registry serves (null: all)
     "missing_policy": "correction",    # or "not_accept": what a missing material earns
     "force": {"<packet or case id>": "accepted|not_accepted|correction_requested",
               "<packet or case id>/<registration code>": "not_accepted"},   # one linked registration
     "auto": true}                       # false: deliver only, never answer

The case is validated with the catalog it names (the shipped one on this server): first the
workflow minimum of :mod:`devserver.minimum` (identity checks passed, interviews replayed and
signed; not accepted otherwise), then required fields, parties and materials actually
present in the packet. Linked registrations (a business listing ``registrations``, named in the
signed manifest) are decided together: one refused refuses them all (一并申请、一并受理), each
with its reasons; accepted, each gets its own receipt, register and proof number and its own
proof document. Time passes between steps by
the configured delays; ``POST /admin/advance`` moves the server clock forward.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

from devserver import minimum, proof
from devserver.storage import ServerDB

DEFAULT_RULES: dict[str, Any] = {"accept_delay": 0, "register_delay": 0, "proof_delay": 0, "jurisdiction": None,
                                 "missing_policy": "correction", "force": {}, "auto": True}
AUTHORITIES = {"110": "北京市规划和自然资源委员会", "310": "上海市不动产登记局", "320": "南京市不动产登记中心",
               "330": "杭州市不动产登记服务中心", "350": "福州市不动产登记和交易中心", "370": "济南市不动产登记中心",
               "440": "深圳市不动产登记中心", "510": "成都市不动产登记中心", "610": "西安市不动产登记局"}


def registry_name(case_doc: str | dict) -> str:
    """The registry answering for a case: the one of the property's region."""
    doc = json.loads(case_doc) if isinstance(case_doc, str) else (case_doc or {})
    unit = str((doc.get("data") or {}).get("property.unit_number", ""))
    return AUTHORITIES.get(unit[:3], "不动产登记机构")


def review(case_doc: dict, manifest: dict, rules: dict) -> tuple[str, dict]:
    """The registry's decision on a delivered case: (kind, payload); linked registrations are
    decided together, each named in ``payload["registrations"]``."""
    kind, payload = _review_case(case_doc, manifest, rules)
    from shared.domain.case import Case
    from shared.domain.catalog import default_catalog
    from shared.domain.registrations import is_linked, manifest_entries
    try:
        biz = default_catalog().business(str(case_doc.get("business_code")))
    except Exception:
        return kind, payload
    if not is_linked(biz) and "registrations" not in manifest:
        return kind, payload
    case = Case.from_dict(case_doc)
    regs = manifest_entries(case, biz)
    claimed = manifest.get("registrations")
    own: dict[str, list[dict]] = {r["code"]: [] for r in regs}
    if claimed is not None and [str((c or {}).get("code")) for c in claimed if isinstance(c, dict)] != list(own):
        reason = {"code": "registrations_mismatch", "text": "数据包申请的登记（{}）与业务“{}”应一并申请的登记（{}）不符".format(
            "、".join(str((c or {}).get("name") or (c or {}).get("code")) for c in claimed if isinstance(c, dict)),
            biz.name, "、".join(r["name"] for r in regs))}
        kind, payload = "not_accepted", {"reasons": [reason]}
    force = rules.get("force", {})
    for r in regs:
        forced = force.get("{}/{}".format(manifest["packet_id"], r["code"])) or \
            force.get("{}/{}".format(manifest["case_id"], r["code"]))
        if forced == "not_accepted":
            own[r["code"]].append({"code": "registration_refused", "registration": r["code"],
                                   "text": "{}：经审查不符合登记条件".format(r["name"])})
    refused = [r for r in regs if own[r["code"]]]
    if refused:  # one refused: all refused, together
        before = payload.get("reasons") or [] if kind == "not_accepted" else []
        kind, payload = "not_accepted", {"reasons": before + [x for r in refused for x in own[r["code"]]]}
    entries = []
    for r in regs:
        entry = {**r, "state": kind}
        if kind == "not_accepted":
            entry["reasons"] = own[r["code"]] or [{"code": "linked_refused", "text": "与一并申请的{}一并不予受理".format(
                "、".join(x["name"] for x in refused)) if refused else (payload.get("reasons") or [{}])[0].get("text", "")}]
        entries.append(entry)
    payload["registrations"] = entries
    return kind, payload


def _review_case(case_doc: dict, manifest: dict, rules: dict) -> tuple[str, dict]:
    """The decision on the case as a whole (its fields, parties, materials, workflow minimum)."""
    from shared.domain.case import Case
    from shared.domain.catalog import default_catalog
    from shared.domain.validation import field_errors, missing
    forced = rules.get("force", {}).get(manifest["packet_id"]) or rules.get("force", {}).get(manifest["case_id"])
    case = Case.from_dict(case_doc)
    unit = str(case.get("property.unit_number", ""))
    prefixes = rules.get("jurisdiction")
    if forced == "not_accepted" or (prefixes and unit and not any(unit.startswith(p) for p in prefixes)):
        authority = AUTHORITIES.get(unit[:3], "不动产所在地的登记机构")
        return "not_accepted", {"reasons": [{"code": "jurisdiction",
                                             "text": "不动产单元号所在区域（{}）不属于本登记机构管辖，请向{}申请".format(unit[:6], authority),
                                             "competent_authority": authority}]}
    catalog = default_catalog()
    try:
        biz = catalog.business(case.business_code)
    except Exception:
        return "not_accepted", {"reasons": [{"code": "not_legal_form", "text": "业务类型“{}”不在本登记机构的业务目录中".format(case.business_code)}]}
    # The workflow minimum (identity evidence, signed interviews) comes before any material
    # review: without it the application is not accepted at all, whatever the front end.
    gaps = minimum.workflow_gaps(case, biz, manifest)
    if gaps:
        return "not_accepted", {"reasons": gaps}
    # Count only the pages that really travelled in the packet.
    case.materials = {}
    for f in manifest.get("files", []):
        if f.get("kind") == "page":
            case.materials.setdefault(f.get("slot", ""), []).append(f.get("blob_id", ""))
    items = [{"code": m.path.split(".", 1)[-1] if m.kind == "material" else m.path, "kind": m.kind,
              "path": m.path, "text": m.msg.render("zh")} for m in missing(case, biz, catalog)]
    items += [{"code": path, "kind": "invalid", "path": path, "text": msg.render("zh")}
              for path, msg in field_errors(case, biz, catalog).items()]
    if forced == "correction_requested" and not items:
        items = [{"code": "application", "kind": "material", "path": "materials.application",
                  "text": "申请书签章不清晰，请重新提交"}]
    if items:
        if rules.get("missing_policy") == "not_accept" and forced != "correction_requested":
            return "not_accepted", {"reasons": [{"code": "materials_incomplete", "text": "申请材料不齐全：" +
                                                 "；".join(i["text"] for i in items)}]}
        return "correction_requested", {"corrections": items}
    return "accepted", {}


def schedule_review(conn, db: ServerDB, packet_id: str, case_doc: dict, manifest: dict, now: float) -> None:
    """Plan the registry's answers for a freshly delivered packet (inside the commit)."""
    rules = {**DEFAULT_RULES, **db.kv_get("rules", {})}
    if not rules.get("auto", True):
        return
    kind, payload = review(case_doc, manifest, rules)
    due = now + float(rules["accept_delay"])
    steps = [(kind, due, payload)]
    later = {"registrations": payload["registrations"]} if payload.get("registrations") else {}
    if kind == "accepted":
        steps.append(("registered", due + float(rules["register_delay"]), dict(later)))
        steps.append(("proof_issued", due + float(rules["register_delay"]) + float(rules["proof_delay"]), dict(later)))
    for k, at, p in steps:
        conn.execute("INSERT INTO schedule(packet_id, device_id, kind, due, payload) VALUES (?,?,?,?,?)",
                     (packet_id, manifest["device_id"], k, at, json.dumps(p, ensure_ascii=False)))


def _document(conn, db: ServerDB, docs_dir: Path, packet_id: str, device_id: str, kind: str, title: str,
              lines: list[str]) -> dict:
    data = proof.render(title, lines)
    doc_id = uuid.uuid4().hex
    docs_dir.mkdir(parents=True, exist_ok=True)
    path = docs_dir / (doc_id + ".pdf")
    path.write_bytes(data)
    info = {"doc_id": doc_id, "kind": kind, "name": title + ".pdf", "mime": "application/pdf",
            "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    conn.execute("INSERT INTO documents(doc_id, packet_id, device_id, kind, name, mime, sha256, size, path)"
                 " VALUES (?,?,?,?,?,?,?,?,?)", (doc_id, packet_id, device_id, kind, info["name"], info["mime"],
                                                 info["sha256"], info["size"], str(path)))
    return info


def tick(db: ServerDB, now: float, docs_dir: Path) -> int:
    """Turn every due step into a status event (with its documents). Returns how many."""
    def work(conn) -> int:
        rows = conn.execute("SELECT s.id, s.packet_id, s.kind, s.payload, p.device_id, p.case_id, p.case_doc FROM schedule s"
                            " JOIN packets p ON p.packet_id = s.packet_id AND p.device_id = s.device_id WHERE s.due <= ? ORDER BY s.due, s.id",
                            (now,)).fetchall()
        for sid, packet_id, kind, payload, device_id, case_id, case_doc in rows:
            body = json.loads(payload)
            body["registry"] = registry_name(db.unseal(case_doc, "case_doc"))
            body["receiver"] = "不动产登记受理窗口"
            day = _dt.datetime.fromtimestamp(now).strftime("%Y-%m-%d")
            regs = body.get("registrations")
            if regs:
                _per_registration(conn, db, docs_dir, packet_id, device_id, case_id, kind, body, now)
            elif kind == "accepted":
                body["receipt_number"] = "SL{}{:06d}".format(_dt.datetime.fromtimestamp(now).strftime("%Y%m%d"),
                                                             db.bump(conn, "receipt_seq"))
                conn.execute("UPDATE packets SET answer = json_set(answer, '$.receipt_number', ?) WHERE packet_id = ?"
                             " AND device_id = ?", (body["receipt_number"], packet_id, device_id))
                body["documents"] = [_document(conn, db, docs_dir, packet_id, device_id, "receipt", "不动产登记受理凭证",
                                               ["受理编号：" + body["receipt_number"], "业务编号：" + case_id,
                                                "受理日期：" + day])]
            elif kind == "not_accepted":
                body["documents"] = [_document(conn, db, docs_dir, packet_id, device_id, "not_accepted", "不予受理告知书",
                                               ["业务编号：" + case_id] + [r["text"] for r in body["reasons"]])]
            elif kind == "correction_requested":
                body["documents"] = [_document(conn, db, docs_dir, packet_id, device_id, "corrections", "补正材料通知书",
                                               ["业务编号：" + case_id, "请一次性补正下列材料："] +
                                               ["{}. {}".format(i + 1, c["text"]) for i, c in enumerate(body["corrections"])])]
            elif kind == "registered":
                body["register_number"] = "DB{:08d}".format(db.bump(conn, "register_seq"))
            elif kind == "proof_issued":
                answer = json.loads(conn.execute("SELECT answer FROM packets WHERE packet_id = ? AND device_id = ?",
                                                 (packet_id, device_id)).fetchone()[0])
                body["proof_number"] = "闽({})不动产证明第{:07d}号".format(_dt.datetime.fromtimestamp(now).year,
                                                                         db.bump(conn, "proof_seq"))
                body["documents"] = [_document(conn, db, docs_dir, packet_id, device_id, "proof", "不动产登记电子证明",
                                               ["证明号：" + body["proof_number"], "业务编号：" + case_id,
                                                "受理编号：" + str(answer.get("receipt_number", "")), "登簿日期：" + day])]
            conn.execute("INSERT INTO events(device_id, packet_id, kind, at, payload) VALUES (?,?,?,?,?)",
                         (device_id, packet_id, kind, now, json.dumps(body, ensure_ascii=False)))
            conn.execute("UPDATE packets SET stage = ? WHERE packet_id = ? AND device_id = ?", (kind, packet_id, device_id))
            conn.execute("DELETE FROM schedule WHERE id = ?", (sid,))
        return len(rows)
    return db.tx(work)


def _per_registration(conn, db: ServerDB, docs_dir: Path, packet_id: str, device_id: str, case_id: str, kind: str,
                      body: dict, now: float) -> None:
    """Linked registrations: each gets its own numbers and documents at each step; the list,
    as it stands, travels with every event (the case-wide numbers are the first one's)."""
    when = _dt.datetime.fromtimestamp(now)
    answer = json.loads(conn.execute("SELECT answer FROM packets WHERE packet_id = ?", (packet_id,)).fetchone()[0]
                        or "{}")
    regs = answer.get("registrations") or body["registrations"]
    docs = []
    for reg in regs:
        reg["state"] = kind
        if kind == "accepted":
            reg["receipt_number"] = "SL{}{:06d}".format(when.strftime("%Y%m%d"), db.bump(conn, "receipt_seq"))
            docs.append(_document(conn, db, docs_dir, packet_id, device_id, "receipt", "不动产登记受理凭证（{}）".format(reg["name"]),
                                  ["受理编号：" + reg["receipt_number"], "业务编号：" + case_id, "登记事项：" + reg["name"],
                                   "受理日期：" + when.strftime("%Y-%m-%d")]))
        elif kind == "registered":
            reg["register_number"] = "DB{:08d}".format(db.bump(conn, "register_seq"))
        elif kind == "proof_issued" and reg.get("registration_type") == "400":
            pass  # a cancellation is entered in the register; no certificate or proof is issued for it
        elif kind == "proof_issued":
            word = "证明" if reg.get("right_type") == "mortgage" or reg.get("registration_type") == "700" else "权"
            reg["proof_number"] = "闽({})不动产{}第{:07d}号".format(when.year, word, db.bump(conn, "proof_seq"))
            docs.append(_document(conn, db, docs_dir, packet_id, device_id, "proof", "不动产登记电子证明（{}）".format(reg["name"]),
                                  ["证明号：" + reg["proof_number"], "业务编号：" + case_id, "登记事项：" + reg["name"],
                                   "受理编号：" + str(reg.get("receipt_number", "")),
                                   "登簿日期：" + when.strftime("%Y-%m-%d")]))
    if kind == "not_accepted":
        docs.append(_document(conn, db, docs_dir, packet_id, device_id, "not_accepted", "不予受理告知书",
                              ["业务编号：" + case_id, "一并申请的下列登记一并不予受理："] +
                              ["{}：{}".format(r["name"], "；".join(x.get("text", "") for x in r.get("reasons") or []))
                               for r in regs]))
    elif kind == "correction_requested":
        docs.append(_document(conn, db, docs_dir, packet_id, device_id, "corrections", "补正材料通知书",
                              ["业务编号：" + case_id, "一并申请的登记一并补正，请一次性补正下列材料："] +
                              ["{}. {}".format(i + 1, c["text"]) for i, c in enumerate(body.get("corrections") or [])]))
    for key in ("receipt_number", "register_number", "proof_number"):
        first = next((r[key] for r in regs if r.get(key)), None)
        if first:
            body[key] = first
    body["registrations"] = regs
    if docs:
        body["documents"] = docs
    conn.execute("UPDATE packets SET answer = json_set(coalesce(answer, '{}'), '$.registrations', json(?),"
                 " '$.receipt_number', ?) WHERE packet_id = ?",
                 (json.dumps(regs, ensure_ascii=False), regs[0].get("receipt_number", "") if regs else "", packet_id))


def progress_matching(db, query: str) -> list[dict]:
    """Every packet whose business number (case id), packet id, or a party's name or ID number
    is ``query``: its stage and the times of its events, newest revision first."""
    q = query.strip()
    qn = q.replace(" ", "").upper()
    out = []
    for packet_id, device_id, case_id, revision, stage, case_doc, answer in db.all(
            "SELECT packet_id, device_id, case_id, revision, stage, case_doc, answer FROM packets ORDER BY case_id, revision DESC"):
        doc = db.unseal(case_doc, "case_doc")  # received case data is kept encrypted at rest
        parties = doc.get("parties") or []
        hit = qn in (case_id.upper(), packet_id.upper()) or any(
            q == (p.get("name") or "").strip() or qn == (p.get("id_number") or "").replace(" ", "").upper()
            for p in parties)
        if not hit:
            continue
        from devserver.app import iso
        history = [{"kind": k, "at": iso(a)} for k, a in
                   db.all("SELECT kind, at FROM events WHERE packet_id = ? AND device_id = ? ORDER BY seq", (packet_id, device_id))]
        ans = json.loads(answer or "{}")
        out.append({"packet_id": packet_id, "case_id": case_id, "revision": revision, "stage": stage,
                    "business_code": doc.get("business_code", ""), "receipt_number": ans.get("receipt_number", ""),
                    "history": history})
    return out
