"""The encrypted store: cases, their parties and the audit log, in one SQLCipher file.

:class:`Store` is the only way in. Its methods are blocking and thread-safe (the work runs on
the connection's owner thread); front ends call them from a worker, never the UI thread.
Every change is audited in the same transaction as the change itself.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from shared.config import default_config_dir, default_data_dir
from shared.domain.case import Case, now_iso
from shared.domain.identifiers import normalize
from shared.domain.states import CaseState, can_edit
from shared.errors import StoreError, os_error_msg
from shared.i18n import Msg
from shared.store import audit, search
from shared.store.db import DbThread, open_connection, transaction, work_error
from shared.store.keys import KeyProvider, default_key_provider
from shared.store.outbox_table import COLUMNS as OUTBOX_COLUMNS
from shared.store.outbox_table import OutboxItem
from shared.store.tx import StoreTx

if TYPE_CHECKING:
    from concurrent.futures import Future

    from shared.store.case_tx import CaseTx

log = logging.getLogger(__name__)
T = TypeVar("T")
DB_NAME = "yizhan.db"
STORE_MARK = ".yizhan-store"  # beside the database once it exists: its absence later is a loss


@dataclass(frozen=True)
class CaseSummary:
    """One row of the case list (personal data still clear: mask before showing)."""

    id: str
    business_code: str
    revision: int
    state: CaseState
    updated_at: str
    unit_number: str
    first_party_name: str
    first_party_id: str
    packet: OutboxItem | None = None  # the newest outbox packet of the case, if any


def current_operator() -> str:
    """Until operator login exists, the operator is the local OS user."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in some service environments
        return "unknown"


_LIST_COLUMNS = ("c.id, c.business_code, c.revision, c.state, c.updated_at, c.unit_number,"
                 " coalesce(p.name, ''), coalesce(p.id_number, ''), "
                 + ", ".join("o." + c for c in OUTBOX_COLUMNS))
_N_CASE_COLUMNS = 8


def _filter_sql(query: str, state: str | None, business: str | None,
                search_key: bytes | None, conn=None) -> tuple[str, str, list, list]:
    """(WITH clause, WHERE conditions, their arguments) shared by a page and its count.

    The query finds its candidates through the keyed search index, then the real values are
    compared with ``instr`` (literal: ``%`` and ``_`` are ordinary characters). With ``conn``
    the index is asked which of the query's tokens are rare (:func:`search.narrow_groups`).
    """
    with_sql, with_args, where, args = "", [], [], []
    q = query.strip()
    nq, folded = normalize(q), search.fold_name(q)
    if q:
        checks = []
        if nq:
            checks += ["substr(c.id, 1, ?) = ?", "instr(c.unit_number, ?) > 0"]
            args += [len(nq), nq, nq]
        party = []
        if folded:
            party.append("instr(lower(q.name), ?) > 0")
            args.append(folded)
        if nq:
            party.append("instr(q.id_number, ?) > 0")
            args.append(nq)
        checks.append("EXISTS (SELECT 1 FROM parties q WHERE q.case_id = c.id AND ({}))".format(" OR ".join(party)))
        where.append("(" + " OR ".join(checks) + ")")
        if search_key is not None:
            hits = []
            if nq:
                hits.append("SELECT id FROM cases WHERE id >= ? AND id < ?")
                with_args += [nq, nq + "\U0010ffff"]
            groups = search.query_token_groups(search_key, q)
            if conn is not None:
                groups = search.narrow_groups(conn, groups)
            for group in groups:
                hits.append(search.group_sql(len(group)))
                with_args += group
            if not hits:  # every kind holds a gram no case has
                hits.append("SELECT NULL WHERE 0")
            with_sql = "WITH hits(id) AS ({}) ".format(" UNION ".join(hits))
            where.insert(0, "c.id IN (SELECT id FROM hits)")
    if state:
        where.append("c.state = ?")
        args.append(state)
    if business:
        where.append("c.business_code = ?")
        args.append(business)
    return with_sql, with_args, where, args


def list_sql(query: str = "", state: str | None = None, business: str | None = None,
             limit: int = 200, offset: int = 0, *, after: tuple[str, str] | None = None,
             search_key: bytes | None = None, conn=None) -> tuple[str, list]:
    """The SQL and arguments of one page of the case list, newest first, with each case's
    newest outbox packet (one query). ``after``: the (updated_at, id) of the last row of the
    previous page (keyset paging); ``search_key``: use the search index (see
    :mod:`shared.store.search`); without it the query compares every case."""
    with_sql, with_args, where, args = _filter_sql(query, state, business, search_key, conn)
    if after is not None:
        where.append("c.updated_at <= ? AND (c.updated_at < ? OR c.id > ?)")
        args += [after[0], after[0], after[1]]
    sql = (with_sql + "SELECT " + _LIST_COLUMNS + " FROM cases c"
           " LEFT JOIN parties p ON p.case_id = c.id AND p.idx = 0"
           " LEFT JOIN outbox o ON o.packet_id ="
           " (SELECT packet_id FROM outbox WHERE case_id = c.id ORDER BY revision DESC LIMIT 1)"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY c.updated_at DESC, c.id LIMIT ? OFFSET ?")
    return sql, with_args + args + [limit, offset]


def count_sql(query: str = "", state: str | None = None, business: str | None = None,
              search_key: bytes | None = None, conn=None) -> tuple[str, list]:
    """The SQL and arguments counting the cases :func:`list_sql` lists."""
    with_sql, with_args, where, args = _filter_sql(query, state, business, search_key, conn)
    return (with_sql + "SELECT count(*) FROM cases c" + (" WHERE " + " AND ".join(where) if where else ""),
            with_args + args)


def _summary(r) -> CaseSummary:
    packet = OutboxItem.from_row(r[_N_CASE_COLUMNS:]) if r[_N_CASE_COLUMNS] is not None else None
    return CaseSummary(r[0], r[1], r[2], CaseState(r[3]), r[4], r[5], r[6], r[7], packet)


def _was_used(data_dir: Path) -> bool:
    return (data_dir / STORE_MARK).exists()


def _mark(data_dir: Path) -> None:
    """Note (once) that this directory holds a store: nothing personal, just the fact."""
    mark = data_dir / STORE_MARK
    if not mark.exists():
        try:
            fd = os.open(str(mark), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
        except OSError:  # a read-only data dir opens read-only; the mark can wait
            pass


class Store:
    """An open encrypted store."""

    def __init__(self, path: Path, key: bytes, operator: str | None = None,
                 progress: Callable[[int, int], None] | None = None) -> None:
        """``progress(done, total)`` hears how far an upgrade of an older store is (on the
        store's own thread; nothing for a store that needs none)."""
        from shared.store.schema import UpgradeProgress
        tracker = UpgradeProgress(progress) if progress else None
        self.path = Path(path)
        self.operator = operator or current_operator()
        self.session = None  # the operator logged in at this store (shared.workflow.auth sets it)
        self._audit_key = audit.audit_key(key)
        self._search_key = search.index_key(key)
        self._db = DbThread(lambda: open_connection(self.path, key, progress=tracker), translate=work_error(self.path))
        self._db.call(lambda conn: search.ensure_index(conn, self._search_key, tracker))
        from shared.store.blobs import BlobStore
        self.blobs = BlobStore(self)

    @classmethod
    def open(cls, data_dir: Path | None = None, config_dir: Path | None = None,
             key_provider: KeyProvider | None = None, operator: str | None = None,
             progress: Callable[[int, int], None] | None = None) -> "Store":
        """Open the store of ``data_dir`` (created on first use with a fresh random key);
        ``progress(done, total)`` hears how far the upgrade of an older store is.

        An existing database whose key cannot be found is never re-keyed or recreated.
        """
        data_dir = Path(data_dir) if data_dir else default_data_dir()
        config_dir = Path(config_dir) if config_dir else default_config_dir(data_dir)
        path = data_dir / DB_NAME
        provider = key_provider or default_key_provider(path, config_dir)
        key = provider.load()
        if os.path.lexists(data_dir) and not data_dir.is_dir():
            raise StoreError(Msg("store.datadir_not_dir", "数据目录 {path} 不是文件夹（可能被文件替换），未作任何改动。请运维人员检查该位置",
                                 {"path": str(data_dir)}))
        if os.path.lexists(path) and not path.is_file():
            # a folder, a FIFO, a device or a link to one where the database belongs: opening it
            # could hang or read without end, and recreating it would hide what happened
            raise StoreError(Msg("store.not_regular",
                                 "数据库文件 {path} 不是普通文件（可能被替换为文件夹、设备或链接），未作任何改动。请从备份恢复该文件",
                                 {"path": str(path)}))
        if key is not None and path.exists() and path.stat().st_size == 0 and _was_used(data_dir):
            raise StoreError(Msg("store.file_empty",
                                 "数据库文件 {path} 是空的（0 字节），但它的密钥和数据目录中的其他文件都在：文件可能被截断。"
                                 "未创建新的空数据库，请从备份恢复该文件", {"path": str(path)}))
        if key is not None and not (path.exists() and path.stat().st_size > 0) and _was_used(data_dir):
            # Its key is here and so is what the store wrote beside it: the file was deleted or
            # moved. An empty store in its place would hide that; nothing is created.
            raise StoreError(Msg(
                "store.file_missing",
                "数据库文件 {path} 不存在，但它的密钥和数据目录中的其他文件都在：文件可能被误删或移动。未创建新的空数据库，请从备份恢复该文件",
                {"path": str(path)}))
        if key is None:
            if path.exists() and path.stat().st_size > 0:
                raise StoreError(Msg("store.key_missing", "找不到数据库 {path} 的密钥（{provider}）。文件未作改动，请恢复密钥后再打开",
                                     {"path": str(path), "provider": provider.name}))
            try:
                data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as exc:
                raise StoreError(Msg("store.mkdir", "无法创建数据目录 {path}：{err}", {"path": str(data_dir), "err": os_error_msg(exc)})) from None
            key = provider.create()
        store = cls(path, key, operator, progress)
        _mark(data_dir)
        return store

    def close(self) -> None:
        """Stop the database thread and close the connection (waits for queued work)."""
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- plumbing --------------------------------------------------------------------------
    def run(self, fn: Callable[[Any], T]) -> T:
        """Run ``fn(conn)`` on the owner thread (for the other store modules)."""
        return self._db.call(fn)

    def submit(self, fn: Callable[[Any], T]) -> "Future[T]":
        """Queue ``fn(conn)`` on the owner thread without waiting: its result arrives in the
        future. For the UI, which hands the result back to its own thread itself
        (``shared.ui.tasks.run_on_store``): one thread hop each way, no pool thread between."""
        return self._db.submit(fn)

    def write(self, fn: Callable[[Any], T]) -> T:
        """Run ``fn(conn)`` in one transaction on the owner thread."""
        return self._db.call(lambda conn: transaction(conn, fn, self.path))

    def read(self, fn: Callable[[StoreTx], T]) -> T:
        """Run ``fn(tx)`` on the owner thread without a transaction (reads through a typed :class:`StoreTx`)."""
        return self._db.call(lambda conn: fn(StoreTx(self, conn)))

    def transaction(self, fn: Callable[[StoreTx], T]) -> T:
        """Run ``fn(tx)`` in one transaction on the owner thread: all of it commits, or none when it raises."""
        return self.write(lambda conn: fn(StoreTx(self, conn)))

    def audit(self, conn, action: str, case_id: str | None, detail: str = "", operator: str | None = None) -> None:
        """Append an audit row inside the current transaction (``operator``: who acts, when
        not the operator logged in at this store)."""
        audit.append(conn, self._audit_key, operator or self.operator, action, case_id, detail)

    def release_memory(self) -> "Future[None]":
        """Drop the connection's cache of decrypted pages (``PRAGMA shrink_memory``: a closed
        case's page images otherwise stay there, up to the cache's 16 MiB) and give the freed
        heap back to the system; queued on the owner thread, the future says when it is done.
        The next read decrypts the pages it needs again."""
        from shared.platform import release_memory

        def work(conn) -> None:
            conn.execute("PRAGMA shrink_memory").fetchall()
            release_memory()
        return self._db.submit(work)

    # -- cases -----------------------------------------------------------------------------
    def save_case(self, case: Case, action: str | None = None) -> Case:
        """Insert or update a case with its parties; audited as create or update."""
        self.write(lambda conn: self.write_case(conn, case, action))
        return case

    def write_case(self, conn, case: Case, action: str | None = None, operator: str | None = None) -> None:
        """The body of :meth:`save_case`, for callers composing a larger transaction."""
        case.updated_at = now_iso()
        case.operator = case.operator or self.operator
        doc = json.dumps(case.to_dict(), ensure_ascii=False)
        exists = conn.execute("SELECT 1 FROM cases WHERE id = ?", (case.id,)).fetchone()
        conn.execute(
            "INSERT INTO cases(id, business_code, revision, state, created_at, updated_at, doc, unit_number)"
            " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET business_code=excluded.business_code,"
            " revision=excluded.revision, state=excluded.state, updated_at=excluded.updated_at,"
            " doc=excluded.doc, unit_number=excluded.unit_number",
            (case.id, case.business_code, case.revision, case.state.value, case.created_at, case.updated_at,
             doc, normalize(str(case.get("property.unit_number", "")))))
        conn.execute("DELETE FROM parties WHERE case_id = ?", (case.id,))
        conn.executemany("INSERT INTO parties(case_id, idx, role, name, id_number) VALUES (?,?,?,?,?)",
                         [(case.id, i, p.role, p.name, normalize(p.id_number)) for i, p in enumerate(case.parties)])
        search.write_case_tokens(conn, self._search_key, case.id, [p.name for p in case.parties],
                                 [p.id_number for p in case.parties], str(case.get("property.unit_number", "")))
        what = (conn, action or ("update" if exists else "create"), case.id,
                "state={} rev={}".format(case.state.value, case.revision))
        self.audit(*what, operator) if operator else self.audit(*what)

    def has_case(self, case_id: str) -> bool:
        """Whether the case was ever saved."""
        return self.read(lambda tx: tx.has_case(case_id))

    def get_case(self, case_id: str) -> Case:
        """The case ``case_id`` as last saved; StoreError when there is none."""
        row = self.run(lambda conn: conn.execute("SELECT doc FROM cases WHERE id = ?", (case_id,)).fetchone())
        if row is None:
            raise StoreError(Msg("store.no_case", "找不到案件 {id}", {"id": case_id}))
        return Case.from_dict(json.loads(row[0]))

    def update_case(self, case_id: str, change: Callable[[Case, "CaseTx"], T], action: str,
                    *, create: Case | None = None, operator: str | None = None) -> tuple[Case, T]:
        """Run one command on a case as one transaction: load it, ``change(case, tx)``, write it.

        ``create``: the case to insert first when it was never saved. The command gets a fresh
        copy read inside the transaction (no object shared with the caller), may use ``tx`` for
        blobs and audit, and may raise to roll everything back. Returns the written case and
        what ``change`` returned. ``operator``: who acts (the audit rows name them).
        """
        from shared.store.case_tx import CaseTx

        def work(tx: StoreTx) -> tuple[Case, T]:
            case = tx.find_case(case_id)
            if case is None:
                if create is None or create.id != case_id:
                    raise StoreError(Msg("store.no_case", "找不到案件 {id}", {"id": case_id}))
                tx.write_case(create, operator=operator)
                case = Case.from_dict(create.to_dict())
            result = change(case, CaseTx(tx, case_id))
            tx.write_case(case, action, operator=operator)
            return case, result
        return self.transaction(work)

    def log_view(self, case_id: str, what: str) -> None:
        """Audit an unmasked view of a case's personal data."""
        self.write(lambda conn: self.audit(conn, "view_unmasked", case_id, what))

    def delete_draft(self, case_id: str) -> None:
        """Delete a case that was never submitted; audited."""
        case = self.get_case(case_id)
        if not can_edit(case.state):
            raise StoreError(Msg("store.delete_submitted", "已提交的案件不能删除"))

        def work(conn):
            conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
            self.audit(conn, "delete", case_id, "state={}".format(case.state.value))
        self.write(work)

    def list_cases(self, query: str = "", state: str | None = None, business: str | None = None,
                   limit: int = 200, offset: int = 0, *, after: tuple[str, str] | None = None) -> list[CaseSummary]:
        """Newest first; ``query`` matches the business number (prefix), or a fragment of a party's
        name or ID number or of the unit number. Each row carries the case's newest outbox
        packet. ``after``: the (updated_at, id) of the previous page's last row."""
        return self.run(lambda conn: self.list_cases_in(conn, query, state, business, limit, offset, after=after))

    def list_cases_in(self, conn, query: str = "", state: str | None = None, business: str | None = None,
                      limit: int = 200, offset: int = 0, *, after: tuple[str, str] | None = None) -> list[CaseSummary]:
        """:meth:`list_cases` on the owner thread's connection (for :meth:`submit`)."""
        sql, args = list_sql(query, state, business, limit, offset, after=after, search_key=self._search_key,
                             conn=conn)
        return [_summary(r) for r in conn.execute(sql, args).fetchall()]

    def count_matching(self, query: str = "", state: str | None = None, business: str | None = None) -> int:
        """How many cases :meth:`list_cases` would list without a limit."""
        return self.run(lambda conn: self.count_matching_in(conn, query, state, business))

    def count_matching_in(self, conn, query: str = "", state: str | None = None, business: str | None = None) -> int:
        """:meth:`count_matching` on the owner thread's connection (for :meth:`submit`)."""
        sql, args = count_sql(query, state, business, self._search_key, conn)
        return conn.execute(sql, args).fetchone()[0]

    def count_cases(self) -> int:
        return self.run(lambda conn: conn.execute("SELECT count(*) FROM cases").fetchone()[0])

    # -- audit -----------------------------------------------------------------------------
    def verify_audit(self) -> audit.AuditReport:
        return self.run(lambda conn: audit.verify(conn, self._audit_key))

    def audit_head(self) -> dict:
        """The audit chain's head and base (for the server's anchor)."""
        return self.run(audit.head)

    def audit_hash_at(self, seq: int) -> str | None:
        """The hash of audit row ``seq``, if the store still holds it."""
        return self.run(lambda conn: audit.row_at(conn, seq))

    def audit_rows(self, case_id: str | None = None) -> list[tuple]:
        sql = "SELECT seq, at, operator, action, case_id, detail FROM audit"
        args: tuple = ()
        if case_id:
            sql, args = sql + " WHERE case_id = ?", (case_id,)
        return self.run(lambda conn: conn.execute(sql + " ORDER BY seq", args).fetchall())

    def integrity_check(self) -> str:
        return self.run(lambda conn: conn.execute("PRAGMA integrity_check").fetchone()[0])
