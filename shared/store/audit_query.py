"""Queries of the audit log for people (the viewer's pages, exports) and of the service
point's figures (statistics); the rules stay in shared/sync/audit_export.py and stats.py."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AuditFilter:
    """What the viewer and an export select: each field narrows the rows (empty: any)."""

    operator: str = ""   # a staff id or a fragment of the operator's name
    case_id: str = ""
    action: str = ""
    since: str = ""      # ISO date or time, inclusive
    until: str = ""      # ISO date or time, exclusive (a date: the whole day is included)

    def sql(self, conn) -> tuple[str, list[Any]]:
        """The WHERE clause and its arguments, on the open connection ``conn``: the dates become
        a range of row numbers (index ``audit_at``), the operator text the exact names of the
        enrolled operators it matches (staff id or name), so each filter uses its index. (Rows
        are appended in time order; a clock moved back blurs a date bound by those rows only.)"""
        where, args = [], []
        if self.operator:
            text = self.operator.strip()
            names = {text}
            for sid, name in conn.execute("SELECT staff_id, name FROM operators WHERE staff_id = ? OR instr(name, ?) > 0",
                                          (text, text)):
                names.update({sid, "{}（{}）".format(name, sid)})
            names = sorted(names)
            where.append("{}operator IN ({})".format("+" if self.case_id else "", ",".join("?" * len(names))))
            args += names
        if self.case_id:
            where.append("case_id = ?")
            args.append(self.case_id)
        if self.action:
            where.append("+action = ?" if self.case_id else "action = ?")  # the case's index leads when given
            args.append(self.action)
        if self.since:
            row = conn.execute("SELECT seq FROM audit WHERE at >= ? ORDER BY at LIMIT 1", (self.since,)).fetchone()
            where.append("seq >= ?")
            args.append(row[0] if row and row[0] is not None else 1 << 62)
        if self.until:
            until = self.until + ("T99" if len(self.until) == 10 else "")  # a date: the whole day
            row = conn.execute("SELECT seq FROM audit WHERE at < ? ORDER BY at DESC LIMIT 1", (until,)).fetchone()
            where.append("seq <= ?")
            args.append(row[0] if row and row[0] is not None else -1)
        return (" WHERE " + " AND ".join(where)) if where else "", args


def page(conn, flt: AuditFilter, limit: int, before_seq: int | None = None) -> list[tuple]:
    """Newest first: (seq, at, operator, action, case_id, detail) of up to ``limit`` rows."""
    where, args = flt.sql(conn)
    if before_seq is not None:
        where += (" AND " if where else " WHERE ") + "seq < ?"
        args.append(before_seq)
    sql = "SELECT seq, at, operator, action, case_id, detail FROM audit" + where + " ORDER BY seq DESC LIMIT ?"
    return conn.execute(sql, args + [limit]).fetchall()


def actions(conn) -> list[str]:
    """The actions the log holds."""
    return [r[0] for r in conn.execute("SELECT DISTINCT action FROM audit ORDER BY action")]


def export_rows(conn, flt: AuditFilter, chunk: int = 20000) -> Iterator[list[tuple]]:
    """Oldest first, in chunks: (seq, at, operator, action, case_id or '', detail, hash)."""
    where, args = flt.sql(conn)
    cur = conn.execute("SELECT seq, at, operator, action, coalesce(case_id, ''), detail, hash FROM audit" + where
                       + " ORDER BY seq", args)
    while True:
        rows = cur.fetchmany(chunk)
        if not rows:
            return
        yield rows


def case_rows(conn, since: str, until: str) -> list[tuple]:
    """(business code, creation day, operator) of the cases created in [since, until)."""
    return conn.execute("SELECT business_code, substr(created_at, 1, 10), coalesce(json_extract(doc, '$.operator'), '')"
                        " FROM cases WHERE created_at >= ? AND created_at < ?", (since, until)).fetchall()


def packet_states(conn, since: str, until: str) -> list[str]:
    """The states of the packets submitted in [since, until)."""
    return [r[0] for r in conn.execute("SELECT state FROM outbox WHERE created_at >= ? AND created_at < ?",
                                       (since, until))]


def submit_and_accept(conn, since: str) -> list[tuple]:
    """(action, case id, at) of every submission and acceptance since ``since``, in order."""
    return conn.execute("SELECT action, case_id, at FROM audit WHERE action IN ('submit', 'outcome_accepted')"
                        " AND at >= ? ORDER BY seq", (since,)).fetchall()
