"""Recreate ``store_v1.db``: a version-1 store as the first release wrote it (fake data).

Kept so the fixture can be regenerated; the tests use the saved file, not this script.
Run: python tests/store/data/make_v1.py
"""

import json
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
sys.path.insert(0, str(here.parents[2]))

from shared.domain.case import Case, Party  # noqa: E402
from shared.devices.idcard.fake_identities import FakeFactory  # noqa: E402
from shared.store import audit  # noqa: E402
from shared.store.db import open_connection  # noqa: E402

KEY = bytes.fromhex((here / "store_v1.key").read_text().strip())


def main() -> None:
    path = here / "store_v1.db"
    path.unlink(missing_ok=True)
    conn = open_connection(path, KEY, migrate_to=1)
    f = FakeFactory(7)
    for _ in range(3):
        p = f.person()
        case = Case("mortgage_first_general", catalog_version="2026.11.1",
                    parties=[Party("mortgagor", "person", p.name, "1", p.id_number, p.phone, p.address)])
        case.set("property.unit_number", f.unit_number())
        conn.execute("BEGIN")
        conn.execute("INSERT INTO cases(id, business_code, revision, state, created_at, updated_at, doc) VALUES (?,?,?,?,?,?,?)",
                     (case.id, case.business_code, 1, "draft", case.created_at, case.updated_at,
                      json.dumps(case.to_dict(), ensure_ascii=False)))
        conn.execute("INSERT INTO parties(case_id, idx, role, name, id_number) VALUES (?,?,?,?,?)",
                     (case.id, 0, "mortgagor", p.name, p.id_number))
        audit.append(conn, audit.audit_key(KEY), "v1-operator", "create", case.id, "state=draft rev=1")
        conn.execute("COMMIT")
    conn.close()


if __name__ == "__main__":
    main()
