"""The 材料 tab through its real widgets: capture from the simulated document camera, the SANE
test scanner and files; barcode values; page limits; corrupt files; page edits persisting."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from counter.case_editor import QtCaseEditor
from counter.context import AppContext
from shared.devices import testpages as tp
from shared.capture.intake import ValueOffer
from shared.config import Settings
from shared.domain.catalog import Catalog, default_catalog
from shared.domain.states import CaseState
from shared.domain.validation import missing
from shared.ui.notify import notifier

SHOTS = Path(os.environ.get("YIZHAN_SHOTS", "/tmp/yizhan-shots"))


@pytest.fixture(scope="session")
def materials_sane(tmp_path_factory):
    """Debian's SANE ``test`` backend enabled through SANE_CONFIG_DIR (read at the first init)."""
    folder = tmp_path_factory.mktemp("materials-sane")
    (folder / "dll.conf").write_text("test\n")
    shutil.copy("/etc/sane.d/test.conf", folder / "test.conf")
    old = os.environ.get("SANE_CONFIG_DIR")
    os.environ["SANE_CONFIG_DIR"] = os.environ.get("SANE_CONFIG_DIR") or str(folder)
    yield folder
    if old is None:
        os.environ.pop("SANE_CONFIG_DIR", None)


@pytest.fixture(scope="session")
def page_files(tmp_path_factory):
    """Generated material pages as JPEG, PNG and a two-page PDF (synthetic, no personal data)."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("material-files")
    out = {}
    for i, name in enumerate(("a.jpg", "b.png", "c.jpg", "d.jpg")):
        page = tp.make_page(width=900, code128_text="HT2026000{}".format(i + 1), seal=i % 2 == 0)
        cv2.imwrite(str(folder / name), page.image)
        out[name] = folder / name
    pil = [Image.fromarray(cv2.cvtColor(tp.make_page(width=800).image, cv2.COLOR_BGR2RGB)) for _ in range(2)]
    pil[0].save(folder / "contract.pdf", save_all=True, append_images=pil[1:], resolution=100)
    out["pdf"] = folder / "contract.pdf"
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(3000))
    out["broken"] = folder / "broken.jpg"
    return out


def _editor(qtbot, store, case, catalog=None):
    editor = QtCaseEditor(AppContext.for_store(store, catalog or default_catalog()))
    qtbot.addWidget(editor)
    editor.resize(1200, 800)
    editor.show()
    editor.open_case(case)
    tab = next(p for p in editor.pages if type(p).__name__ == "QtMaterialsTab")
    editor.tabs.setCurrentWidget(tab)
    return editor, tab


def _pick_files(monkeypatch, paths):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(p) for p in paths], "")))


def _capture(qtbot, tab, kind, timeout=30000):
    with qtbot.waitSignal(tab.pagesStored, timeout=timeout) as blocker:
        qtbot.mouseClick(tab.findChild(QPushButton, "capture:" + kind), Qt.LeftButton)
    return blocker.args


def _messages():
    return [text for _, text in notifier().history]


def test_fill_every_required_slot_and_mark_ready(qtbot, store, sample_case, fake, tmp_path, monkeypatch,
                                                  materials_sane, page_files):
    from shared.devices.doccam_sim import write_video

    unit = fake.unit_number()
    video = tmp_path / "doccam.avi"
    write_video(str(video), qr_text="unit={};contract=HT2026000123".format(unit))
    editor, tab = _editor(qtbot, store, sample_case)
    editor.ctx.devices.settings = Settings(tmp_path / "settings.json", {"devices": {"doccam": str(video)}})
    # the document camera: live preview, captured when still, QR read on the original
    tab.select("property_certificate")
    assert _capture(qtbot, tab, "doccam") == ["property_certificate", 1]
    assert tab.doccam_dialog.frames_shown > 0
    offer = tab.findChild(QPushButton, "offer:property.unit_number")
    assert offer is not None and offer.isVisible()
    before = editor.case.get("property.unit_number")
    assert before and before != unit
    assert offer.text() == "替换" and before in tab.findChild(QLabel, "offerText").text()   # shown beside it
    qtbot.mouseClick(offer, Qt.LeftButton)           # a value already there: asked first ("no" by default)
    kind, title, text = editor.prompter.asked[-1]
    assert kind == "confirm" and unit in text and before in text
    assert editor.case.get("property.unit_number") == before
    editor.prompter.answer = True
    with qtbot.waitSignal(editor.saved, timeout=10000):
        qtbot.mouseClick(offer, Qt.LeftButton)
    assert editor.case.get("property.unit_number") == unit
    assert editor.fields["property.unit_number"].value() == unit
    assert store.get_case(sample_case.id).get("property.unit_number") == unit
    # the scanner's feeder: many pages at once
    tab.select("identity")
    tab.scanner_source.setCurrentIndex(tab.scanner_source.findData("adf"))
    code, added = _capture(qtbot, tab, "scanner")  # devices found on the first use: test:0 first
    assert tab.scanner_device.currentData() == "test:0"
    assert code == "identity" and added == 10
    # files: a PDF (two pages) and a JPEG
    tab.select("debt_contract")
    _pick_files(monkeypatch, [page_files["pdf"]])
    assert _capture(qtbot, tab, "file") == ["debt_contract", 2]
    tab.select("mortgage_contract")
    _pick_files(monkeypatch, [page_files["a.jpg"]])
    assert _capture(qtbot, tab, "file") == ["mortgage_contract", 1]
    case = editor.collect()
    biz = default_catalog().business(case.business_code)
    assert [m for m in missing(case, biz, default_catalog()) if m.kind == "material"] == []
    states = {tab.checklist.item(i).data(Qt.UserRole): tab.checklist.item(i).data(Qt.UserRole + 1)
              for i in range(tab.checklist.count())}
    assert states["debt_contract"] == "ok" and states["construction_permit"] == "inactive"
    assert states["identity"] in ("ok", "attention")  # the test backend scans plain patterns
    with qtbot.waitSignal(editor.saved, timeout=10000):
        qtbot.mouseClick(editor.ready_button, Qt.LeftButton)
    saved = store.get_case(sample_case.id)
    assert saved.state == CaseState.READY
    assert len(saved.materials["identity"]) == 10 and len(saved.materials["debt_contract"]) == 2
    # nothing of the pages in clear in the database files
    blobs = store.blobs.list(sample_case.id, "page")
    assert len(blobs) == 14
    raw = b"".join(p.read_bytes() for p in store.path.parent.glob(store.path.name + "*"))
    checked = 0
    for info in blobs:
        data = store.blobs.get(info.id)
        # 32 bytes of the page's own content (a run of zeros is in any file, e.g. the WAL index)
        start = next((i for i in range(200, len(data) - 32) if len(set(data[i:i + 32])) >= 12), None)
        if start is not None:
            assert data[start:start + 32] not in raw
            checked += 1
    assert checked >= 4
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.select("identity")
    qtbot.waitSignal(tab.pagesLoaded, timeout=5000).wait() if not tab.pages_view.pages() else None
    tab.grab().save(str(SHOTS / "materials_identity.png"))


def _small_catalog(code: str, max_pages: int) -> Catalog:
    base = default_catalog()
    biz = base.business("mortgage_first_general")
    slots = tuple(dataclasses.replace(s, max_pages=max_pages) if s.code == code else s for s in biz.materials)
    return Catalog(base.version, {**base.businesses, biz.code: dataclasses.replace(biz, materials=slots)},
                   base.id_kinds, base.party_kinds, base.directory)


def test_page_limit_refused(qtbot, store, sample_case, page_files, monkeypatch):
    editor, tab = _editor(qtbot, store, sample_case, _small_catalog("debt_contract", 2))
    tab.select("debt_contract")
    _pick_files(monkeypatch, [page_files["a.jpg"], page_files["pdf"]])  # three pages
    qtbot.mouseClick(tab.findChild(QPushButton, "capture:file"), Qt.LeftButton)
    qtbot.waitUntil(lambda: any("最多2页" in m and "超出上限" in m for m in _messages()), timeout=15000)
    qtbot.waitUntil(lambda: not tab._busy, timeout=5000)
    assert store.blobs.list(sample_case.id, "page") == []
    assert not editor.case.materials.get("debt_contract")
    _pick_files(monkeypatch, [page_files["pdf"]])
    assert _capture(qtbot, tab, "file") == ["debt_contract", 2]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: pytest.fail("dialog opened")))
    qtbot.mouseClick(tab.findChild(QPushButton, "capture:file"), Qt.LeftButton)
    assert "已满" in _messages()[-1]
    assert len(store.blobs.list(sample_case.id, "page")) == 2


def test_corrupt_file_refused(qtbot, store, sample_case, page_files, monkeypatch):
    editor, tab = _editor(qtbot, store, sample_case)
    tab.select("debt_contract")
    _pick_files(monkeypatch, [page_files["a.jpg"], page_files["broken"]])
    qtbot.mouseClick(tab.findChild(QPushButton, "capture:file"), Qt.LeftButton)
    qtbot.waitUntil(lambda: any("broken.jpg" in m and "损坏" in m for m in _messages()), timeout=15000)
    qtbot.waitUntil(lambda: not tab._busy, timeout=5000)
    assert store.blobs.list(sample_case.id) == []
    assert not editor.case.materials.get("debt_contract")


def test_reorder_rotate_delete_persist(qtbot, store, sample_case, page_files, monkeypatch):
    editor, tab = _editor(qtbot, store, sample_case)
    tab.select("debt_contract")
    _pick_files(monkeypatch, [page_files["a.jpg"], page_files["b.png"], page_files["c.jpg"]])
    _capture(qtbot, tab, "file")
    first = list(editor.case.materials["debt_contract"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.grab().save(str(SHOTS / "materials_debt_contract.png"))
    assert [i.id for i in store.blobs.list(sample_case.id, "page", "debt_contract")] == first
    with qtbot.waitSignal(tab.pagesPersisted, timeout=10000):
        tab.pages_view.move_page(0, 2)
    order = [first[1], first[2], first[0]]
    assert [i.id for i in store.blobs.list(sample_case.id, "page", "debt_contract")] == order
    assert store.get_case(sample_case.id).materials["debt_contract"] == order
    sha = store.blobs.info(order[0]).sha256
    tab.pages_view.list.setCurrentRow(0)
    with qtbot.waitSignal(tab.pagesPersisted, timeout=10000):
        tab.pages_view.rotate_selected(1)
    rotated = store.blobs.info(order[0])
    assert rotated.sha256 != sha and rotated.meta.get("rotation") == 90 and "_blob" not in rotated.meta
    tab.pages_view.list.setCurrentRow(1)
    with qtbot.waitSignal(tab.pagesPersisted, timeout=10000):
        tab.pages_view.delete_selected()
    left = [order[0], order[2]]
    assert [i.id for i in store.blobs.list(sample_case.id, "page", "debt_contract")] == left
    assert store.get_case(sample_case.id).materials["debt_contract"] == left
    actions = [r[3] for r in store.audit_rows(sample_case.id)]
    assert {"add_page", "reorder_pages", "replace_page", "delete_page"} <= set(actions)


def test_offer_checked_by_validator_and_flagged_page(qtbot, store, sample_case, tmp_path, monkeypatch):
    editor, tab = _editor(qtbot, store, sample_case)
    before = editor.case.get("property.unit_number")
    tab.confirm_offer(ValueOffer("property.unit_number", "不动产单元号", "350102003004GB00012F0003001X"))
    assert "无效" in _messages()[-1]
    assert editor.case.get("property.unit_number") == before
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((1200, 900, 3), 255, np.uint8))
    tab.select("debt_contract")
    _pick_files(monkeypatch, [blank])
    _capture(qtbot, tab, "file")
    assert tab.status("debt_contract").state == "attention"
    assert any("需检查" in m for m in _messages())


def test_bank_profile_slot(qtbot, store, sample_case):
    editor, tab = _editor(qtbot, store, sample_case)
    with qtbot.waitSignal(tab.profileShown, timeout=10000):
        tab.select("bank_credentials")
    assert "未找到本行备案材料，请联系管理员同步主数据" in tab.profile.text()
    assert not tab.capture_bar.isVisible()
    assert tab.status("bank_credentials").state == "noprofile"
    bank = next(p for p in sample_case.parties if p.role == "mortgagee")
    profile = {"profiles": [{"name": bank.name, "credit_code": bank.id_number, "documents": [
        {"kind": "business_licence", "reference": "BA-9-01", "valid_until": "长期"},
        {"kind": "officer_id", "reference": "BA-9-04", "holder": "王小明", "valid_until": "2000-01-01"}]}]}
    import json
    store.write(lambda conn: conn.execute("INSERT INTO sync_state(key, value) VALUES (?, ?)",
                                          ("masterdata.bank_profiles", json.dumps(profile, ensure_ascii=False))))
    editor2, tab2 = _editor(qtbot, store, sample_case)
    with qtbot.waitSignal(tab2.profileShown, timeout=10000):
        tab2.select("bank_credentials")
    text = tab2.profile.text()
    assert "BA-9-01" in text and "营业执照" in text and "王*明" in text and "已过期" in text
    assert "王小明" not in text
    tab2.select("interview_record")
    assert "系统生成" in tab2.note.text() and not tab2.capture_bar.isVisible()
