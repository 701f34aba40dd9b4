"""Test-wide settings: offscreen Qt, a fresh data directory per test, GUI auto-marking."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402
from importlib.abc import MetaPathFinder  # noqa: E402

import pytest  # noqa: E402

# The suite runs in two parts (./dev.sh test): YIZHAN_TEST_PART=core runs every module that
# needs no Qt, with PySide6 made unimportable, proving the core is Qt-free; =qt runs the rest.
TEST_PART = os.environ.get("YIZHAN_TEST_PART")
QT_MARKERS = ("PySide6", "qtbot", "qapp", "shared.ui", "from counter", "import counter",
              "from kiosk", "import kiosk", "pytestqt")


class _BlockQt(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError("PySide6 is blocked: the core must not import Qt ({})".format(name))
        return None


if TEST_PART == "core":
    sys.meta_path.insert(0, _BlockQt())


def _is_qt_module(path) -> bool:
    try:
        text = path.read_text("utf-8")
    except OSError:
        return False
    return any(marker in text for marker in QT_MARKERS)


def pytest_ignore_collect(collection_path, config):
    name = collection_path.name
    if TEST_PART and collection_path.suffix == ".py" and (name.startswith("test_") or name.endswith("_test.py")):
        if (TEST_PART == "core") == _is_qt_module(collection_path):
            return True
    return None


def pytest_collection_modifyitems(items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))  # the whole closure, fixtures of fixtures too
        if {"qtbot", "qapp"} & fixtures:
            item.add_marker(pytest.mark.gui)
        if "server" in fixtures:  # the reference server in a thread (fastapi, uvicorn, dlib)
            item.add_marker(pytest.mark.devserver)


@pytest.fixture(autouse=True)
def _fresh_dirs(tmp_path, monkeypatch):
    """Every test gets its own data and config directories: never a real user's."""
    monkeypatch.setenv("YIZHAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("YIZHAN_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("YIZHAN_KEY_PROVIDER", "file")
    from shared import i18n
    i18n.set_language("zh")
    yield


@pytest.fixture(autouse=True)
def _collect_on_the_main_thread():
    """As the app does (shared.ui.qt_gc): no automatic collection, which could free a Qt
    object from a worker thread; collect here, on the main thread, after every test."""
    import gc
    if TEST_PART == "core":
        yield
        return
    gc.disable()
    from shared.ui import qt_refs
    qt_refs.install()   # as the app does: PySide6 emits spend references to True (bool_dealloc)
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _shots_in_tmp_path(request, tmp_path, monkeypatch):
    """Screenshots of a GUI test (its module's ``SHOTS``) go to the test's own tmp_path;
    set YIZHAN_SHOTS=<folder> to keep them somewhere for a look."""
    if hasattr(request.module, "SHOTS") and not os.environ.get("YIZHAN_SHOTS"):
        monkeypatch.setattr(request.module, "SHOTS", tmp_path / "shots")


def _sigpipe_disposition():
    """What SIGPIPE does, as Python records it and, on Linux, as the kernel has it: a C library
    that calls signal(2) itself changes the second only (/proc/self/status, SigIgn mask)."""
    import signal
    python_side = signal.getsignal(signal.SIGPIPE)
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            mask = next(int(line.split()[1], 16) for line in status if line.startswith("SigIgn:"))
    except (OSError, StopIteration, ValueError):
        return python_side, None
    return python_side, bool(mask >> (signal.SIGPIPE - 1) & 1)


@pytest.fixture(autouse=True)
def _sigpipe_stays_ignored(request):
    """Python ignores SIGPIPE (a write to a closed pipe raises BrokenPipeError); a library that
    resets it to the default kills the whole run on the next such write (exit 141). Name the test
    that did it and put SIG_IGN back so the rest of the run goes on."""
    import signal
    yield
    if not hasattr(signal, "SIGPIPE"):  # Windows has no SIGPIPE
        return
    python_side, kernel_ignores = _sigpipe_disposition()
    if python_side != signal.SIG_IGN or kernel_ignores is False:
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        pytest.fail("{} left SIGPIPE set to {!r} (kernel: {}) instead of SIG_IGN".format(
            request.node.nodeid, python_side, "ignored" if kernel_ignores else "not ignored"), pytrace=False)


@pytest.fixture
def fake():
    from shared.devices.idcard.fake_identities import FakeFactory
    return FakeFactory(1234)


@pytest.fixture
def store(tmp_path):
    from shared.store import Store
    s = Store.open(tmp_path / "data", tmp_path / "config", operator="tester")
    yield s
    s.close()


@pytest.fixture
def sample_case(fake):
    """A complete-looking mortgage first registration case (no materials yet)."""
    from shared.domain.case import Case, Party
    p, bank = fake.person(), fake.bank()
    case = Case("mortgage_first_general", catalog_version="test")
    case.parties = [Party("mortgagor", "person", p.name, "1", p.id_number, p.phone, p.address),
                    Party("mortgagee", "org", bank.name, "8", bank.credit_code, bank.phone, bank.address)]
    for key, value in {"property.unit_number": fake.unit_number(), "property.certificate_number": fake.certificate_number(),
                       "property.location": "福州市鼓楼区五一路88号", "property.area": "89.56", "property.use": "住宅",
                       "mortgage.contract_number": "DY001", "mortgage.amount": "1000000", "mortgage.currency": "CNY",
                       "mortgage.debt_from": "2026-01-01", "mortgage.debt_to": "2046-01-01",
                       "mortgage.guarantee_scope": "主债权及利息", "reason": "购房贷款"}.items():
        case.set(key, value)
    return case


@pytest.fixture(scope="session")
def soft_tokens(tmp_path_factory):
    """SoftHSM2 USB keys for the bank's seal (shared.devices.softtoken): the bank's, and one
    whose certificate expired. Made once per run: the driver sees only the tokens there are
    when it first loads."""
    from shared.devices.softtoken import make_soft_tokens
    return make_soft_tokens(tmp_path_factory.mktemp("softhsm"), dict(label="BANKSEAL-T"),
                            dict(label="OLDSEAL-T", not_before_days=-400, days=30))
