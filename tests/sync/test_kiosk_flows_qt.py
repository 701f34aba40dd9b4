"""The kiosk end to end against the reference server, on simulated devices: a mortgage
cancellation and a change of name from the attract screen to the printed receipt (touches
counted, nothing typed), the progress query, and the walk-away at every step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk_harness import _pass_comparer, change_of_name, extract_for, make_kiosk
from shared.devices.idcard.emulator import make_demo_card
from shared.devices.printer import decode_escpos


def test_mortgage_cancellation_in_twelve_touches(qtbot, store, enrolled, srv, kiosk_settings, tmp_path, fake):
    extract_for(tmp_path / "extract.json", make_demo_card(), fake)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path)
    k.tap("biz:kiosk_mortgage_cancel")
    k.answer_yes_until("sign")
    k.sign()
    k.tap("sign")
    for _ in range(2):  # the settlement proof and the registration proof; the application is generated
        k.tap("use_page", timeout=60000)
    k.tap("submit", timeout=60000)
    k.wait("done", timeout=60000)
    assert k.touches <= 12, k.touches
    printed = ctx.printer.printed
    assert len(printed) == 1 and printed[0].with_suffix(".png").exists()
    text = "\n".join(i.get("text", "") for i in decode_escpos(printed[0].read_bytes()))
    case = store.get_case(store.list_cases()[0].id)
    assert case.id in text and case.state.value != "draft"
    assert "申请已送达登记机构" in text  # the server was up: not queued


def test_change_of_name_with_live_face(qtbot, store, enrolled, srv, kiosk_settings, tmp_path, fake):
    card = make_demo_card()
    extract_for(tmp_path / "extract.json", card, fake, mortgage=False)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path, comparer=_pass_comparer())
    change_of_name(k)
    case = store.get_case(store.list_cases()[0].id)
    assert case.business_code == "kiosk_change_name" and case.get("change.new_name") == card.name
    assert case.identity_checks and case.identity_checks[0]["comparison"]["decision"] == "pass"
    assert len(ctx.printer.printed) == 1
    assert k.touches <= 16


def test_offline_submission_is_queued_and_the_receipt_says_so(qtbot, store, enrolled, srv, kiosk_settings, tmp_path,
                                                             fake):
    extract_for(tmp_path / "extract.json", make_demo_card(), fake)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path)
    ctx.sync_service_factory = lambda: (_ for _ in ()).throw(OSError("no route to host"))
    k.tap("biz:kiosk_mortgage_cancel")
    k.answer_yes_until("sign")
    k.sign()
    k.tap("sign")
    for _ in range(2):
        k.tap("use_page", timeout=60000)
    k.tap("submit", timeout=60000)
    k.wait("done", timeout=60000)
    text = "\n".join(i.get("text", "") for i in decode_escpos(ctx.printer.printed[0].read_bytes()))
    assert "联网后自动上传" in text
    assert store.get_case(store.list_cases()[0].id).state.value == "submitted"


def test_out_of_paper_is_reported_and_the_receipt_reprinted(qtbot, store, enrolled, srv, kiosk_settings, tmp_path,
                                                           fake):
    from shared.devices.printer import SimulatedPrinter
    extract_for(tmp_path / "extract.json", make_demo_card(), fake)
    printer = SimulatedPrinter(tmp_path / "printer", paper=0)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path, printer=printer)
    k.tap("biz:kiosk_mortgage_cancel")
    k.answer_yes_until("sign")
    k.sign()
    k.tap("sign")
    for _ in range(2):
        k.tap("use_page", timeout=60000)
    k.tap("submit", timeout=60000)
    k.wait("done", timeout=60000)
    assert "缺纸" in " ".join(k.where()[1]) and printer.printed == []
    printer.paper = 5  # staff refilled it
    k.tap("reprint")
    k.wait("done")
    assert len(printer.printed) == 1


def test_progress_query_by_card_and_by_number(qtbot, store, enrolled, srv, kiosk_settings, tmp_path, fake):
    card = make_demo_card()
    extract_for(tmp_path / "extract.json", card, fake)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path)
    k.tap("biz:kiosk_mortgage_cancel")
    k.answer_yes_until("sign")
    k.sign()
    k.tap("sign")
    for _ in range(2):
        k.tap("use_page", timeout=60000)
    k.tap("submit", timeout=60000)
    k.wait("done", timeout=60000)
    k.tap("finish")
    k.wait("attract")
    k.tap("query")
    k.wait("query_result")  # the card still lies on the reader
    words = " ".join(k.where()[1])
    assert "已提交申请" in words and "已送达登记机构" in words, words
    k.tap("finish")
    k.wait("attract")
    # by number on the keypad: the ID number typed by touch
    ctx.devices = type(ctx.devices)(ctx.settings, reader_opener=lambda spec: (_ for _ in ()).throw(
        __import__("shared.errors", fromlist=["DeviceError"]).DeviceError("no reader")))
    k.tap("query")
    k.wait("query")
    from kiosk.widgets import Keypad
    pad = k.w.page.findChild(Keypad)
    for ch in card.id_number:
        qtbot.mouseClick(pad.buttons[ch], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    k.wait("query_result")
    assert "已送达登记机构" in " ".join(k.where()[1])
