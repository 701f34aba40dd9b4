"""Paper originals hand-over: which originals, batch lifecycle with deadlines, audit, CLI."""

from __future__ import annotations

import datetime as _dt

import pytest

from shared.config import Settings
from shared.domain.catalog import default_catalog
from shared.domain.originals import batch_state, deadline_days, originals_of
from shared.errors import StoreError
from shared.store import originals

DAY = _dt.date(2026, 3, 2)


def _case_with_pages(store, sample_case, fake):
    from shared.domain.case import Case
    case = Case.from_dict(sample_case.to_dict())
    case.id = "YZ20260302" + fake.unit_number()[-6:]
    for code, n in (("property_certificate", 2), ("identity", 3), ("mortgage_contract", 1)):
        case.materials[code] = ["{}-{}".format(code, i) for i in range(n)]
    store.save_case(case)
    return case


def test_originals_of_case(sample_case):
    biz = default_catalog().business(sample_case.business_code)
    sample_case.materials = {"property_certificate": ["a", "b"], "identity": ["c"]}
    items = {i.slot: i for i in originals_of(sample_case, biz)}
    assert items["property_certificate"].count == 2 and items["property_certificate"].original == "original"
    assert "identity" not in items  # a copy
    assert "bank_credentials" not in items
    assert items["application"].generated and items["interview_record"].generated
    assert "construction_permit" not in items and "authorization" not in items
    assert "identity" in {i.slot for i in originals_of(sample_case, biz, include_copies=True)}


def test_states_and_deadline_setting(tmp_path):
    deadline = _dt.date(2026, 3, 7)
    assert batch_state(deadline, None, _dt.date(2026, 3, 7)) == "pending"
    assert batch_state(deadline, None, _dt.date(2026, 3, 8)) == "overdue"
    assert batch_state(deadline, "2026-03-09T10:00:00+00:00", _dt.date(2026, 3, 20)) == "delivered"
    settings = Settings.load(tmp_path)
    assert deadline_days(settings) == 5 and deadline_days(None) == 5
    settings.set("originals_deadline_days", 3)
    assert deadline_days(settings) == 3
    settings.set("originals_deadline_days", "x")
    assert deadline_days(settings) == 5


def test_batch_lifecycle(store, sample_case, fake):
    a = _case_with_pages(store, sample_case, fake)
    b = _case_with_pages(store, sample_case, fake)
    c = _case_with_pages(store, sample_case, fake)
    with pytest.raises(StoreError) as err:
        originals.create_batch(store, [], DAY)
    assert err.value.code == "originals.empty"
    batch = originals.create_batch(store, [a.id, b.id], DAY)
    assert batch.deadline == DAY + _dt.timedelta(days=5) and batch.state == "pending"
    assert set(batch.case_ids) == {a.id, b.id}
    with pytest.raises(StoreError) as err:
        originals.create_batch(store, [b.id, c.id], DAY)
    assert err.value.code == "originals.in_batch" and b.id in str(err.value)
    assert set(originals.unbatched_case_ids(store)) == {c.id}
    batch = originals.add_cases(store, batch.id, [c.id], DAY)
    batch = originals.remove_case(store, batch.id, b.id, DAY)
    assert set(batch.case_ids) == {a.id, c.id}
    assert originals.list_batches(store, DAY + _dt.timedelta(days=5))[0].state == "pending"
    late = originals.list_batches(store, DAY + _dt.timedelta(days=6))
    assert late[0].state == "overdue" and originals.list_batches(store, DAY, state="overdue") == []
    done = originals.mark_delivered(store, batch.id, by="李四", at="2026-03-09T09:30:00+00:00", receiver="登记中心",
                                    today=DAY + _dt.timedelta(days=7))
    assert done.state == "delivered" and done.delivered_by == "李四" and done.receiver == "登记中心"
    with pytest.raises(StoreError) as err:
        originals.add_cases(store, batch.id, [b.id], DAY)
    assert err.value.code == "originals.delivered"
    with pytest.raises(StoreError):
        originals.mark_delivered(store, batch.id)
    actions = [(r[3], r[4]) for r in store.audit_rows()]
    assert ("originals_batch_create", None) in actions
    assert ("originals_batch_add", a.id) in actions and ("originals_batch_remove", b.id) in actions
    assert ("originals_delivered", a.id) in actions and ("originals_delivered", c.id) in actions
    assert store.verify_audit().ok
    manifest = originals.batch_manifest(store, batch.id, default_catalog(), DAY)
    assert manifest["batch_id"] == batch.id and manifest["deadline"] == "2026-03-07"
    assert manifest["state"] == "delivered" and manifest["total_cases"] == 2
    row = next(r for r in manifest["cases"] if r["case_id"] == a.id)
    cert = next(i for i in row["originals"] if i["slot"] == "property_certificate")
    assert cert == {"slot": "property_certificate", "name": "不动产权证书", "count": 2, "original": "original",
                    "original_label": "原件", "generated": False}
    assert row["total_pages"] == 3


def test_deadline_from_settings(store, sample_case, fake, tmp_path):
    a = _case_with_pages(store, sample_case, fake)
    settings = Settings.load(tmp_path)
    settings.set("originals_deadline_days", 2)
    batch = originals.create_batch(store, [a.id], DAY, settings=settings)
    assert batch.deadline == _dt.date(2026, 3, 4)


def test_cli_list_and_deliver(store, sample_case, fake, tmp_path, capsys):
    from shared.cli.main import main
    a = _case_with_pages(store, sample_case, fake)
    batch = originals.create_batch(store, [a.id], DAY)
    store.close()
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "originals", "list", "--today", "2026-03-20"]) == 0
    out = capsys.readouterr().out
    assert batch.id in out and "overdue" in out
    assert main(["--data-dir", data, "originals", "deliver", batch.id, "--by", "王五"]) == 0
    assert batch.id in capsys.readouterr().out
    assert main(["--data-dir", data, "originals", "list", "--json"]) == 0
    assert '"state": "delivered"' in capsys.readouterr().out
