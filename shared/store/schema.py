"""Schema of the encrypted store and its migrations.

Each migration is a list of statements taking the database from version n-1 to n; the version
lives in ``PRAGMA user_version``. Migrations are tested against saved old database files
(``tests/store/data/``). Never edit a released migration: add a new one.
"""

from __future__ import annotations

MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        """CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            business_code TEXT NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1,
            state TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            doc TEXT NOT NULL)""",
        """CREATE TABLE parties (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            role TEXT NOT NULL,
            name TEXT NOT NULL,
            id_number TEXT NOT NULL,
            PRIMARY KEY (case_id, idx))""",
        """CREATE INDEX parties_name ON parties(name)""",
        """CREATE INDEX parties_id_number ON parties(id_number)""",
        """CREATE INDEX cases_updated ON cases(updated_at)""",
        """CREATE INDEX cases_state ON cases(state, business_code)""",
        """CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            operator TEXT NOT NULL,
            action TEXT NOT NULL,
            case_id TEXT,
            detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL)""",
    ],
    2: [
        # The unit number becomes a column so it can be searched without parsing every doc.
        """ALTER TABLE cases ADD COLUMN unit_number TEXT NOT NULL DEFAULT ''""",
        """UPDATE cases SET unit_number =
               coalesce(json_extract(doc, '$.data."property.unit_number"'), '')""",
        """CREATE INDEX cases_unit ON cases(unit_number)""",
    ],
    3: [
        # Material pages, rendered documents, face images, signatures: blobs kept inside the
        # encrypted database, never as files on disk.
        """CREATE TABLE blobs (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            slot TEXT NOT NULL DEFAULT '',
            idx INTEGER NOT NULL DEFAULT 0,
            mime TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            data BLOB NOT NULL)""",
        """CREATE INDEX blobs_case ON blobs(case_id, kind, slot, idx)""",
    ],
    4: [
        # The sync outbox: one row per packet (case id + revision), its ciphertext file in
        # <data dir>/outbox, its upload state and the server's answers (shared/sync/outbox.py).
        """CREATE TABLE outbox (
            packet_id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            state TEXT NOT NULL,
            file TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            signature TEXT NOT NULL,
            offset INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            committed_at TEXT,
            final_at TEXT,
            purged_at TEXT,
            outcome TEXT NOT NULL DEFAULT '{}')""",
        """CREATE INDEX outbox_state ON outbox(state, next_attempt_at)""",
        """CREATE INDEX outbox_case ON outbox(case_id)""",
        # Enrollment, device key, status cursor, last successful sync (encrypted with the store).
        """CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    ],
    5: [
        # A covering index for the case list: listing and searching walk this compact index
        # instead of the cases table, whose rows carry the whole case document (bench P6).
        """CREATE INDEX cases_list ON cases(updated_at DESC, id, business_code, revision, state, unit_number)""",
        """DROP INDEX cases_state""",
        """CREATE INDEX cases_state_list ON cases(state, business_code, updated_at DESC, id, revision, unit_number)""",
    ],
    6: [
        # Paper originals hand-over batches (shared/store/originals.py): cases whose paper
        # originals go to the registry together, by a deadline; delivered with who and when.
        """CREATE TABLE originals_batches (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            deadline TEXT NOT NULL,
            delivered_at TEXT,
            delivered_by TEXT NOT NULL DEFAULT '',
            receiver TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '')""",
        """CREATE TABLE originals_batch_cases (
            batch_id TEXT NOT NULL REFERENCES originals_batches(id) ON DELETE CASCADE,
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            added_at TEXT NOT NULL,
            PRIMARY KEY (batch_id, case_id))""",
        # A case's originals leave once: one batch per case.
        """CREATE UNIQUE INDEX originals_batch_case ON originals_batch_cases(case_id)""",
    ],
    7: [
        # The case list's search index (shared/store/search.py): keyed hashes of name, ID-number
        # and unit-number grams, never the clear values. It needs the store key, so the
        # migration only asks for it; the store fills it right after opening.
        """CREATE TABLE search_index (
            token INTEGER NOT NULL,
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            PRIMARY KEY (token, case_id)) WITHOUT ROWID""",
        """CREATE INDEX search_index_case ON search_index(case_id)""",
        """INSERT OR REPLACE INTO meta(key, value) VALUES ('search_index', 'rebuild')""",
        # The case list reads each listed case's newest packet in the same query.
        """CREATE INDEX outbox_case_revision ON outbox(case_id, revision)""",
        """DROP INDEX outbox_case""",
    ],
    8: [
        # Operators enrolled from the server's operator list (shared/store/operators.py): the
        # argon2id hash (or a first-login code's hash), roles, and the local lock-out state.
        """CREATE TABLE operators (
            staff_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            roles TEXT NOT NULL DEFAULT '[]',
            service_point TEXT NOT NULL DEFAULT '',
            password_hash TEXT NOT NULL DEFAULT '',
            first_login INTEGER NOT NULL DEFAULT 0,
            password_changed_at TEXT NOT NULL DEFAULT '',
            disabled INTEGER NOT NULL DEFAULT 0,
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT NOT NULL DEFAULT '',
            last_login_at TEXT NOT NULL DEFAULT '',
            source_version TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            valid_until TEXT NOT NULL DEFAULT '')""",
        # The audit viewer filters by date, operator, case and action over a year of rows (bench O2).
        # Dates become a seq range first (rows are appended in time order); each other filter
        # then walks its index backwards from the newest row (shared/sync/audit_export.py).
        """CREATE INDEX audit_at ON audit(at)""",
        """CREATE INDEX audit_operator ON audit(operator, seq)""",
        """CREATE INDEX audit_case ON audit(case_id, seq)""",
        """CREATE INDEX audit_action ON audit(action, seq)""",
        """CREATE INDEX audit_operator_action ON audit(operator, action, seq)""",
    ],
    9: [
        # The bank's credit system (shared/integration): the loan reference of each draft case
        # it created (a second post of the same loan finds its case), and the outcomes to send
        # back to it, kept until its webhook (or the drop folder) has taken them.
        """CREATE TABLE integration_refs (
            reference TEXT PRIMARY KEY,
            case_id TEXT NOT NULL,
            body_sha256 TEXT NOT NULL,
            created_at TEXT NOT NULL)""",
        """CREATE INDEX integration_refs_case ON integration_refs(case_id)""",
        """CREATE TABLE integration_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL UNIQUE,
            case_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL DEFAULT 0,
            dropped INTEGER NOT NULL DEFAULT 0,
            delivered_at TEXT NOT NULL DEFAULT '',
            last_error TEXT NOT NULL DEFAULT '')""",
        """CREATE INDEX integration_events_due ON integration_events(state, next_attempt_at)""",
    ],
}

SCHEMA_VERSION = max(MIGRATIONS)


def current_version(conn) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


INDEX_VERSION = 7  # the migration that asks for the search index to be built (shared/store/search.py)


class UpgradeProgress:
    """How far an opening store's upgrade is, told to ``callback(done, total)`` (any thread:
    the caller hands it on, e.g. to the UI thread). Units: one per migration step and one per
    case whose search index is built. Nothing is told for a store that needs no upgrade; the
    last report is ``(total, total)``. Reports are thinned to one per percent."""

    def __init__(self, callback) -> None:
        self.callback = callback
        self.done = self.total = 0
        self._told = -1

    def plan(self, conn, version: int, target: int) -> None:
        """Count the work of taking the database from ``version`` to ``target``."""
        steps = max(0, target - version) if version > 0 else 0  # a new database is made, not upgraded
        cases = 0
        if version < INDEX_VERSION <= target and version >= 1:
            cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
        self.total = steps + cases
        if self.total:
            self._tell()

    def plan_index(self, cases: int) -> None:
        """An index rebuild asked for outside a migration in this run (counted now)."""
        if self.total == 0:
            self.total = cases
            self._tell()

    def advance(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        self._tell()

    def _tell(self) -> None:
        percent = 100 * self.done // self.total if self.total else -1
        if self.total and percent != self._told:  # at most 101 reports, the last one (total, total)
            self._told = percent
            self.callback(self.done, self.total)


def migrate(conn, target: int = SCHEMA_VERSION, progress: UpgradeProgress | None = None) -> int:
    """Bring the database to ``target``, each step in its own transaction (told to
    ``progress``). Returns the version."""
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        from shared.errors import StoreError
        from shared.i18n import Msg
        raise StoreError(Msg("store.newer", "数据库版本 {v} 比本程序支持的 {s} 新，请升级程序", {"v": version, "s": SCHEMA_VERSION}))
    if progress is not None:
        progress.plan(conn, version, target)
    while version < target:
        version += 1
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute("PRAGMA user_version = {:d}".format(version))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if progress is not None:
            progress.advance()
    return version
