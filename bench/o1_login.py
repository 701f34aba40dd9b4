"""O1: login (argon2id with the product's parameters) <= 500 ms; unlock after the idle lock
<= 300 ms to the open case on screen.

Login: :meth:`Authenticator.login` against an account whose hash was made by
:func:`shared.security.passwords.hash_password` (the real time and memory cost), median of
RUNS. Unlock: the counter window with a case open in the editor is locked as the idle lock
does; the figure runs from the password check (what the unlock button starts) to the editor
with the case repainted on screen. Env: ``O1_RUNS`` (default 7).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("YIZHAN_KEY_PROVIDER", "file")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import bench_line, scratch_dir  # noqa: E402

RUNS = max(3, int(os.environ.get("O1_RUNS", "7")))
PASSWORD = "Officer2026"


def operator_list() -> dict:
    from shared.security.passwords import hash_password
    ops = [{"staff_id": "S1001", "name": "王芳", "roles": ["officer"], "password_hash": hash_password(PASSWORD)}]
    return {"version": "bench", "content": {"operators": ops}}


def wait_until(condition, start=None, timeout_ms: int = 20000) -> None:
    """Run the event loop (as the app does) until ``condition()`` holds."""
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(10)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    poll.start()
    QTimer.singleShot(timeout_ms, loop.quit)
    if start is not None:
        start()
    if not condition():
        loop.exec()
    poll.stop()
    if not condition():
        raise SystemExit("timed out")


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from counter.context import AppContext
    from counter.main_window import QtCounterWindow
    from shared.devices.idcard.fake_identities import FakeFactory
    from shared.domain.case import Case, Party
    from shared.domain.catalog import default_catalog
    from shared.store import Store
    from shared.workflow.auth import Authenticator, enroll

    folder = scratch_dir("o1-")
    data, config = folder / "data", folder / "config"
    fake = FakeFactory(1)
    with Store.open(data, config) as store:
        enroll(store, operator_list())
        auth = Authenticator(store)
        logins = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            auth.login("S1001", PASSWORD)
            logins.append((time.perf_counter() - t0) * 1000)
            auth.logout()
        person, bank = fake.person(), fake.bank()
        case = Case("mortgage_first_general", parties=[
            Party("mortgagor", "person", person.name, "1", person.id_number, person.phone, person.address),
            Party("mortgagee", "org", bank.name, "8", bank.credit_code, bank.phone, bank.address)])
        case.operator = "王芳（S1001）"
        store.save_case(case)
    login_ms = statistics.median(logins)
    print("login: median {:.0f} ms of {} ({})".format(login_ms, RUNS, ", ".join("{:.0f}".format(x) for x in logins)))

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from shared.ui import qt_gc
    qt_gc.install(app)  # as the app does: no collection frees a Qt object on a worker thread
    ctx = AppContext.create(data, config, catalog=default_catalog())
    w = QtCounterWindow(ctx)
    w.resize(1366, 768)
    w.show()
    wait_until(lambda: w.store is not None and w.login_panel is not None, w.open_store)
    session = ctx.auth.login("S1001", PASSWORD).session
    w._logged_in(session)
    wait_until(lambda: w.editor.case is not None and w.stack.currentWidget() is w.editor, lambda: w.open_case(case.id))
    unlocks = []
    for _ in range(RUNS):
        w.lock()
        app.processEvents()
        assert w.stack.currentWidget() is w.login_panel
        t0 = time.perf_counter()
        w._unlocked(ctx.auth.unlock(PASSWORD))
        w.repaint()
        app.processEvents()
        unlocks.append((time.perf_counter() - t0) * 1000)
        assert w.stack.currentWidget() is w.editor and w.editor.case.id == case.id
    w.close()
    unlock_ms = statistics.median(unlocks)
    print("unlock to the open case: median {:.0f} ms ({})".format(unlock_ms, ", ".join("{:.0f}".format(x) for x in unlocks)))
    bench_line("O1", "unlock_to_case_ms", unlock_ms, "<=", 300)
    bench_line("O1", "login_ms", login_ms, "<=", 500)


if __name__ == "__main__":
    main()
