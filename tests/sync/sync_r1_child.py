"""R1 kill trials: a client process killed with SIGKILL at random points of submit and sync.

Run as a script it is the client (``python sync_r1_child.py DATA CONFIG MODE``); imported it
is the harness used by ``test_sync_kill.py`` (>= 20 trials) and ``bench/r1_kill_soak.py``
(>= 200 trials). After every kill: ``PRAGMA integrity_check`` is ok, every submitted case has
its outbox row and packet file, nothing half-written. At the end one clean run delivers
everything: every case reaches the server exactly once.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ACTIVE = ("queued", "announced", "uploading", "uploaded")


def child(data: Path, config: Path, mode: str) -> None:
    from shared.config import Settings
    from shared.errors import ValidationError
    from shared.store import Store
    from shared.sync.backoff import Backoff
    from shared.sync.outbox import Outbox
    from shared.sync.service import SyncService
    from shared.workflow.auth import Authenticator
    store = Store.open(data, config, operator="r1")
    settings = Settings.load(config)
    ob = Outbox(store, settings)
    auth = Authenticator(store, settings)
    # Once the first sync has brought the operator list, submitting needs a logged-in
    # operator, as at the counter: the officer logs in (before that, the device's own label).
    actor = auth.login("S1001", "Officer2026").session if auth.enrolled() else None
    print("ready", flush=True)  # the harness times its kill from here, not from the fork
    if "submit" in mode:
        for s in store.list_cases(state="draft", limit=10000):
            try:
                ob.submit(s.id, actor)
            except ValidationError:
                pass
    if "sync" in mode:
        svc = SyncService(store, settings, outbox=ob, backoff=Backoff(0.01, 0.05), chunk_size=16384)
        for _ in range(100):
            svc.run_once(force=True)
            if not ob.items(ACTIVE):
                svc.run_once(force=True)
                break
    store.close()


class Harness:
    """Prepares an enrolled store and runs kill trials against a running server."""

    def __init__(self, server, base: Path, seed: int = 1) -> None:
        from shared.config import Settings, _merge, DEFAULT_SETTINGS
        from shared.store import Store
        from shared.sync import enrollment
        sys.path.insert(0, str(HERE))
        from sync_helpers import OPEN_SETTINGS
        self.server, self.data, self.config = server, base / "data", base / "config"
        self.rng = random.Random(seed)
        self.work_s = 0.4  # estimate of one run's work (ready -> exit), refined as runs finish
        self.created: list[str] = []
        s = Settings(self.config / "settings.json", _merge(DEFAULT_SETTINGS, json.loads(json.dumps(OPEN_SETTINGS))))
        s.save()
        with Store.open(self.data, self.config, operator="r1") as store:
            enrollment.enroll(store, server.url, server.new_code(), server.fingerprint)
            self.device_id = enrollment.load(store).device_id
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "YIZHAN_KEY_PROVIDER": "file"}

    def add_cases(self, n: int) -> None:
        from shared.devices.idcard.fake_identities import FakeFactory
        from shared.store import Store
        from sync_helpers import make_case
        fake = FakeFactory(self.rng.randrange(1 << 30))
        with Store.open(self.data, self.config, operator="r1") as store:
            for _ in range(n):
                self.created.append(make_case(store, fake, page_bytes=self.rng.choice((3000, 40000))).id)

    def run(self, mode: str, kill_after: float | None) -> int:
        """Run the client; with ``kill_after``, SIGKILL it that many seconds after it is ready.

        Timing the kill from the child's "ready" line (store open, work about to start) keeps
        the kill points inside submit and sync however slow the machine is at starting Python.
        """
        proc = subprocess.Popen([sys.executable, str(HERE / "sync_r1_child.py"), str(self.data), str(self.config), mode],
                                env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL if kill_after is not None else subprocess.PIPE, text=True)
        if kill_after is None:
            _, err = proc.communicate(timeout=300)
            if proc.returncode != 0:  # the clean run must not fail: its error is the finding
                raise AssertionError("the clean run failed ({}):\n{}".format(proc.returncode, err[-4000:]))
            return proc.returncode
        proc.stdout.readline()  # "ready", or "" if it died first
        t0 = time.monotonic()
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.kill()  # SIGKILL through Popen: it never signals a pid it has already reaped
        else:  # it finished first: learn how long the work takes, so later kills land inside it
            self.work_s = 0.5 * self.work_s + 0.5 * (time.monotonic() - t0)
        proc.stdout.read()
        return proc.wait()

    def check_local(self) -> list[str]:
        """Invariants after a kill; returns the problems found."""
        from shared.domain.states import CaseState
        from shared.store import Store
        problems = []
        with Store.open(self.data, self.config, operator="r1") as store:
            if store.integrity_check() != "ok":
                problems.append("integrity_check failed")
            rows = store.run(lambda c: c.execute("SELECT packet_id, case_id, file, state FROM outbox").fetchall())
            by_case = {r[1]: r for r in rows}
            for s in store.list_cases(limit=100000):
                if s.state != CaseState.DRAFT and s.id not in by_case:
                    problems.append("case {} is {} without an outbox item".format(s.id, s.state.value))
            folder = self.data / "outbox"
            for pid, _, file, st in rows:
                if file and not (folder / file).exists():
                    problems.append("packet file of {} missing".format(pid))
            if not store.verify_audit().ok:
                problems.append("audit chain broken")
        return problems

    def check_server(self) -> list[str]:
        """Every created case on the server exactly once."""
        db = self.server.state.db
        rows = db.all("SELECT case_id, count(*) FROM packets WHERE device_id = ? GROUP BY case_id", (self.device_id,))
        got = dict(rows)
        delivered = db.all("SELECT packet_id, count(*) FROM events WHERE device_id = ? AND kind = 'delivered'"
                           " GROUP BY packet_id", (self.device_id,))
        problems = ["lost: {}".format(c) for c in self.created if c not in got]
        problems += ["duplicated: {}".format(c) for c, n in got.items() if n != 1]
        problems += ["delivered twice: {}".format(p) for p, n in delivered if n != 1]
        return problems

    def trials(self, n: int) -> dict:
        """``n`` runs killed at a random moment of their work, then a clean one; returns counts
        of problems. The moment is drawn from the work's duration as measured on this machine
        (runs that finish before their kill update it), so fast and slow machines alike are
        killed mid-submit and mid-sync rather than before or after."""
        local, killed = [], 0
        for i in range(n):
            if i % 2 == 0:
                self.add_cases(2)
            killed += self.run("submit+sync", self.rng.uniform(0.0, self.work_s)) == -9
            local += self.check_local()
        self.run("submit+sync", None)
        local += self.check_local()
        server = self.check_server()
        return {"trials": n, "killed": killed, "cases": len(self.created), "local_problems": local,
                "server_problems": server}


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    child(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
