"""Hand-over batches of paper originals in the store (tables of migration 6).

Create a batch from cases, add or remove cases while it is pending, mark it delivered with
who and when, list batches with their state against a given day. Every change is audited in
its own transaction, one row per case touched (and one for the batch itself). Blocking: call
from a worker, never the UI thread.
"""

from __future__ import annotations

import datetime as _dt
import secrets

from shared.domain.case import now_iso
from shared.domain.originals import Batch, batch_state, deadline_days, deadline_for, manifest_dict
from shared.errors import StoreError
from shared.i18n import Msg

_B32 = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_COLS = "id, created_at, created_by, deadline, delivered_at, delivered_by, receiver, note"


def new_batch_id(today: _dt.date) -> str:
    """``YJ`` + date + 4 random characters (``YJ20261122K7M2``)."""
    return "YJ{:%Y%m%d}{}".format(today, "".join(secrets.choice(_B32) for _ in range(4)))


def _err(code: str, text: str, **params) -> StoreError:
    return StoreError(Msg(code, text, params))


def _row(conn, batch_id: str):
    row = conn.execute("SELECT {} FROM originals_batches WHERE id = ?".format(_COLS), (batch_id,)).fetchone()
    if row is None:
        raise _err("originals.no_batch", "找不到移交批次 {id}，请刷新列表后重试", id=batch_id)
    return row


def _batch(conn, row, today: _dt.date) -> Batch:
    ids = [r[0] for r in conn.execute("SELECT case_id FROM originals_batch_cases WHERE batch_id = ?"
                                      " ORDER BY added_at, case_id", (row[0],))]
    deadline = _dt.date.fromisoformat(row[3])
    return Batch(row[0], row[1], row[2], deadline, ids, row[4], row[5], row[6], row[7],
                 batch_state(deadline, row[4], today))


def _check_cases(conn, case_ids: list[str]) -> None:
    for case_id in case_ids:
        if not conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone():
            raise _err("originals.no_case", "找不到案件 {id}，不能加入移交批次", id=case_id)
        other = conn.execute("SELECT batch_id FROM originals_batch_cases WHERE case_id = ?", (case_id,)).fetchone()
        if other:
            raise _err("originals.in_batch", "案件 {id} 已在移交批次 {batch} 中，请先从该批次移出",
                       id=case_id, batch=other[0])


def _pending(conn, batch_id: str) -> None:
    if _row(conn, batch_id)[4]:
        raise _err("originals.delivered", "移交批次 {id} 已移交，不能再修改", id=batch_id)


def _may_hand_over(store, command: str) -> None:
    """The logged-in operator must hold the hand-over permission (refused and audited)."""
    from shared.domain.operators import Permission
    from shared.store.operators import require
    require(store, None, Permission.HAND_OVER, command)


def create_batch(store, case_ids: list[str], today: _dt.date | None = None, days: int | None = None,
                 settings=None, note: str = "") -> Batch:
    """A new pending batch of ``case_ids``, due ``days`` (or the setting) after ``today``."""
    _may_hand_over(store, "originals_batch_create")
    today = today or _dt.date.today()
    case_ids = list(dict.fromkeys(case_ids))
    if not case_ids:
        raise _err("originals.empty", "请先选择要移交纸质材料的案件")
    deadline = deadline_for(today, days if days is not None else deadline_days(settings))
    batch_id = new_batch_id(today)
    at = now_iso()

    def work(conn):
        _check_cases(conn, case_ids)
        conn.execute("INSERT INTO originals_batches(id, created_at, created_by, deadline, note) VALUES (?,?,?,?,?)",
                     (batch_id, at, store.operator, deadline.isoformat(), note))
        store.audit(conn, "originals_batch_create", None, "batch={} deadline={} cases={}".format(
            batch_id, deadline.isoformat(), len(case_ids)))
        _insert(conn, store, batch_id, case_ids, at)
        return _batch(conn, _row(conn, batch_id), today)
    return store.write(work)


def _insert(conn, store, batch_id: str, case_ids: list[str], at: str) -> None:
    for case_id in case_ids:
        conn.execute("INSERT INTO originals_batch_cases(batch_id, case_id, added_at) VALUES (?,?,?)",
                     (batch_id, case_id, at))
        store.audit(conn, "originals_batch_add", case_id, "batch={}".format(batch_id))


def add_cases(store, batch_id: str, case_ids: list[str], today: _dt.date | None = None) -> Batch:
    """Add cases to a pending batch."""
    _may_hand_over(store, "originals_batch_add")

    def work(conn):
        _pending(conn, batch_id)
        ids = list(dict.fromkeys(case_ids))
        _check_cases(conn, ids)
        _insert(conn, store, batch_id, ids, now_iso())
        return _batch(conn, _row(conn, batch_id), today or _dt.date.today())
    return store.write(work)


def remove_case(store, batch_id: str, case_id: str, today: _dt.date | None = None) -> Batch:
    """Take a case out of a pending batch."""
    _may_hand_over(store, "originals_batch_remove")

    def work(conn):
        _pending(conn, batch_id)
        cur = conn.execute("DELETE FROM originals_batch_cases WHERE batch_id = ? AND case_id = ?", (batch_id, case_id))
        if cur.rowcount == 0:
            raise _err("originals.not_in_batch", "案件 {id} 不在移交批次 {batch} 中", id=case_id, batch=batch_id)
        store.audit(conn, "originals_batch_remove", case_id, "batch={}".format(batch_id))
        return _batch(conn, _row(conn, batch_id), today or _dt.date.today())
    return store.write(work)


def mark_delivered(store, batch_id: str, by: str | None = None, at: str | None = None, receiver: str = "",
                   today: _dt.date | None = None) -> Batch:
    """Record that the batch's originals were handed to the registry (by whom, when, to whom)."""
    _may_hand_over(store, "originals_batch_delivered")
    by = by or store.operator
    at = at or now_iso()

    def work(conn):
        _pending(conn, batch_id)
        ids = [r[0] for r in conn.execute("SELECT case_id FROM originals_batch_cases WHERE batch_id = ?", (batch_id,))]
        if not ids:
            raise _err("originals.empty_batch", "移交批次 {id} 没有案件，不能标记为已移交", id=batch_id)
        conn.execute("UPDATE originals_batches SET delivered_at = ?, delivered_by = ?, receiver = ? WHERE id = ?",
                     (at, by, receiver, batch_id))
        store.audit(conn, "originals_batch_delivered", None, "batch={} by={}".format(batch_id, by))
        for case_id in ids:
            store.audit(conn, "originals_delivered", case_id, "batch={}".format(batch_id))
        return _batch(conn, _row(conn, batch_id), today or _dt.date.today())
    return store.write(work)


def get_batch(store, batch_id: str, today: _dt.date | None = None) -> Batch:
    return store.run(lambda conn: _batch(conn, _row(conn, batch_id), today or _dt.date.today()))


def list_batches(store, today: _dt.date | None = None, state: str | None = None) -> list[Batch]:
    """Every batch, newest first, its state computed against ``today``; ``state`` filters."""
    today = today or _dt.date.today()

    def work(conn):
        rows = conn.execute("SELECT {} FROM originals_batches ORDER BY created_at DESC, id".format(_COLS)).fetchall()
        return [_batch(conn, r, today) for r in rows]
    batches = store.run(work)
    return [b for b in batches if state is None or b.state == state]


def unbatched_case_ids(store, states: tuple[str, ...] | None = None) -> list[str]:
    """Cases in no batch yet (newest first), optionally only in ``states``."""
    sql = "SELECT id FROM cases WHERE id NOT IN (SELECT case_id FROM originals_batch_cases)"
    args: list = []
    if states:
        sql += " AND state IN ({})".format(",".join("?" * len(states)))
        args += list(states)
    return [r[0] for r in store.run(lambda conn: conn.execute(sql + " ORDER BY updated_at DESC", args).fetchall())]


def batch_manifest(store, batch_id: str, catalog, today: _dt.date | None = None) -> dict:
    """The batch as the plain dict the hand-over manifest renderer takes (see ``manifest_dict``)."""
    batch = get_batch(store, batch_id, today)
    cases = []
    for case_id in batch.case_ids:
        case = store.get_case(case_id)
        cases.append((case, catalog.business(case.business_code)))
    return manifest_dict(batch, cases)
