"""Fixtures of the kiosk's window tests: a kiosk on a fresh store with simulated devices."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))


@pytest.fixture
def kiosk(qtbot, store, tmp_path):
    """A kiosk window (1080x1920) on ``store``, not enrolled, on simulated devices."""
    import copy

    from kiosk.window import KioskWindow
    from kiosk_harness import kiosk_context
    from shared.config import DEFAULT_SETTINGS, Settings
    settings = Settings(tmp_path / "settings.json", copy.deepcopy(DEFAULT_SETTINGS))
    ctx = kiosk_context(store, settings, tmp_path)
    w = KioskWindow(ctx, idle_timeout=60, system_action=lambda action: actions.append(action))
    actions: list[str] = []
    w.actions = actions
    qtbot.addWidget(w)
    w.resize(1080, 1920)
    w.show()
    return w
