"""The counter runs the bank system's local API in background threads when the setting is on:
a loan posted while the window is open becomes a draft case; closing the window stops it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))

from api_helpers import loan_document, post_case, request  # noqa: E402
from receiver import free_port  # noqa: E402


def _window(qtbot, tmp_path, enabled: bool, port: int):
    from counter.context import AppContext
    from counter.main_window import QtCounterWindow
    from shared.config import Settings
    from shared.domain.catalog import default_catalog
    settings = Settings.load(tmp_path / "config")
    settings.set("integration.enabled", enabled)
    settings.set("integration.port", port)
    w = QtCounterWindow(AppContext.create(tmp_path / "data", tmp_path / "config", settings=settings,
                                          catalog=default_catalog()))
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.storeReady, timeout=30000):
        w.open_store()
    return w


def test_enabled_counter_serves_the_api_until_closed(qtbot, tmp_path, fake):
    from shared.integration import credentials
    port = free_port()
    w = _window(qtbot, tmp_path, True, port)
    token = credentials.new_token(w.store)
    status, body = post_case(port, token, loan_document(fake, "LOAN-QT"))
    assert status == 201
    assert w.store.get_case(body["case_id"]).channel == "import"
    assert json.loads(request(port, "GET", "/v1/health")[2])["status"] == "ok"
    w.close()
    try:
        request(port, "GET", "/v1/health")
        raise AssertionError("the API still answers after the window closed")
    except OSError:
        pass


def test_disabled_by_default(qtbot, tmp_path):
    port = free_port()
    w = _window(qtbot, tmp_path, False, port)
    assert w.integration is None
    try:
        request(port, "GET", "/v1/health")
        raise AssertionError("the API answers though it is not enabled")
    except OSError:
        pass
    w.close()
