"""A store at the oldest schema version the migrations start from (version 1), filled with
generated cases as the first release wrote them (fake identities): the upgrade tests and
bench D2 open it with the current code."""

from __future__ import annotations

import json
import os
from pathlib import Path


def build_v1_store(data_dir: Path, config_dir: Path, cases: int, seed: int = 7) -> bytes:
    """Write ``data_dir``/yizhan.db at schema version 1 with ``cases`` cases (one mortgagor
    each, audited), its key in ``config_dir``/store.key; return the key."""
    from shared.devices.idcard.fake_identities import FakeFactory
    from shared.domain.case import Case, Party
    from shared.store import audit
    from shared.store.db import open_connection
    from shared.store.keys import FileKeyProvider
    from shared.store.store import DB_NAME
    key = os.urandom(32)
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    FileKeyProvider(Path(config_dir) / "store.key").save(key)
    conn = open_connection(Path(data_dir) / DB_NAME, key, migrate_to=1)
    f, akey = FakeFactory(seed), audit.audit_key(key)
    conn.execute("BEGIN")
    try:
        for _ in range(cases):
            p = f.person()
            case = Case("mortgage_first_general", catalog_version="2026.11.1",
                        parties=[Party("mortgagor", "person", p.name, "1", p.id_number, p.phone, p.address)])
            case.set("property.unit_number", f.unit_number())
            conn.execute("INSERT INTO cases(id, business_code, revision, state, created_at, updated_at, doc) VALUES (?,?,?,?,?,?,?)",
                         (case.id, case.business_code, 1, "draft", case.created_at, case.updated_at,
                          json.dumps(case.to_dict(), ensure_ascii=False)))
            conn.execute("INSERT INTO parties(case_id, idx, role, name, id_number) VALUES (?,?,?,?,?)",
                         (case.id, 0, "mortgagor", p.name, p.id_number))
            audit.append(conn, akey, "v1-operator", "create", case.id, "state=draft rev=1")
        conn.execute("COMMIT")
    finally:
        conn.close()
    return key
