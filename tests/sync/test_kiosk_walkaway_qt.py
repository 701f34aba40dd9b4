"""The applicant walks away at each step: the countdown shows, "I'm still here" keeps the
visit, and at zero the visit is wiped: the draft deleted, the screen back to attract, nothing
of the applicant left in the window's widgets, the temporary directory or live case objects."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk_harness import _pass_comparer, extract_for, make_kiosk
from shared.devices.idcard.emulator import make_demo_card
from shared.domain.case import Case
from shared.workflow.session import CaseSession


def drive_to(k, screen):
    """Walk a change of name up to ``screen`` (question, sign, page_back, review, done)."""
    k.tap("biz:change")
    k.tap("biz:kiosk_change_name")
    k.qtbot.waitUntil(lambda: k.w.screen_name in ("question", "stop"), timeout=90000)
    while k.w.screen_name != screen:
        old = k.w.page
        if k.w.screen_name == "question":
            k.qtbot.waitUntil(lambda: k.button("yes") is not None or k.button("choice") is not None)
            key = "no" if "查封" in " ".join(k.where()[1]) else ("yes" if k.button("yes") else "choice")
            k.tap(key)
        elif k.w.screen_name == "sign":
            k.sign()
            k.tap("sign")
        elif k.w.screen_name == "page_back":
            k.tap("use_page")
        elif k.w.screen_name == "review":
            k.tap("submit")
        k.qtbot.waitUntil(lambda: k.w.page is not old and k.w.screen_name not in ("capture", "printing"),
                          timeout=60000)
        assert k.w.screen_name != "stop", k.where()


def texts(widget: QWidget) -> str:
    """Every text the window's widgets hold, visible or not."""
    out = [x.text() for x in widget.findChildren(QLabel)] + [x.text() for x in widget.findChildren(QPushButton)]
    return "\n".join(out)


@pytest.mark.parametrize("screen", ["question", "sign", "page_back", "review", "done"])
def test_walk_away_wipes_the_visit(qtbot, store, enrolled, srv, kiosk_settings, tmp_path, fake, screen):
    card = make_demo_card()
    extract_for(tmp_path / "extract.json", card, fake, mortgage=False)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path, idle_timeout=60, comparer=_pass_comparer())
    drive_to(k, screen)
    case_id = store.list_cases()[0].id
    assert any(ctx.temp_root.iterdir())  # the visit's private temporary directory
    # the countdown shows, and "I'm still here" keeps the visit
    k.w.idle.advance(k.w.idle.timeout - 5)
    qtbot.waitUntil(lambda: k.button("still_here") is not None)
    assert "秒后将结束本次办理" in texts(k.w)
    k.tap("still_here")
    assert k.w.screen_name == screen and k.w.idle.idle == 0
    # then the applicant walks away
    k.w.idle.advance(k.w.idle.timeout)
    k.wait("attract")
    submitted = screen == "done"
    qtbot.waitUntil(lambda: store.has_case(case_id) == submitted, timeout=10000)
    assert card.name not in texts(k.w) and card.id_number not in texts(k.w)
    assert k.w.visit.session is None and k.w.visit.card is None
    assert not any(ctx.temp_root.iterdir())
    assert not [x for x in k.w.findChildren(QLabel) if x.pixmap() is not None and not x.pixmap().isNull()]
    assert [t for _lang, t in ctx.voice.said] == [k.w.screen_name and "欢迎使用不动产登记自助服务，请选择要办理的业务"]

    def gone():  # once the workers' last callbacks have run, nothing holds the visit's case
        gc.collect()
        return not [o for o in gc.get_objects() if (isinstance(o, CaseSession) and o.case_id == case_id)
                    or (isinstance(o, Case) and o.id == case_id)]
    try:
        qtbot.waitUntil(gone, timeout=10000)
    except Exception:
        alive = [o for o in gc.get_objects() if isinstance(o, CaseSession) and o.case_id == case_id]
        raise AssertionError([[type(r).__name__ + repr(r)[:200] for r in gc.get_referrers(a)] for a in alive])
    # the next applicant starts clean
    k.tap("biz:change")
    assert card.name not in texts(k.w)


def test_start_over_deletes_the_draft(qtbot, store, enrolled, srv, kiosk_settings, tmp_path, fake):
    extract_for(tmp_path / "extract.json", make_demo_card(), fake)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path)
    k.tap("biz:kiosk_mortgage_cancel")
    k.wait("question")
    case_id = store.list_cases()[0].id
    k.tap("start_over")
    k.wait("attract")
    qtbot.waitUntil(lambda: not store.has_case(case_id), timeout=10000)


def test_walk_away_while_waiting_for_the_card(qtbot, store, enrolled, srv, kiosk_settings, tmp_path, fake):
    """No card is ever placed: the countdown ends the visit; no case was made."""
    from shared.devices.idcard.factory import EmulatedReader
    from shared.devices.registry import DeviceRegistry
    extract_for(tmp_path / "extract.json", make_demo_card(), fake)
    k, ctx = make_kiosk(qtbot, store, kiosk_settings, tmp_path, idle_timeout=60)

    def empty_reader(spec):
        reader = EmulatedReader([])
        reader.open()
        return reader
    ctx.devices = DeviceRegistry(kiosk_settings, reader_opener=empty_reader)
    k.tap("biz:kiosk_mortgage_cancel")
    k.wait("card")
    k.w.idle.advance(k.w.idle.timeout)
    k.wait("attract")
    assert store.list_cases() == [] and not any(ctx.temp_root.iterdir())
