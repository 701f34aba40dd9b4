"""The store key sealed to a TPM 2.0, against a software TPM (swtpm) started per test."""

from __future__ import annotations

import socket
import subprocess
import time

import pytest

from shared.errors import StoreError
from shared.store import Store
from shared.store.keys import FileKeyProvider, KeyringKeyProvider, default_key_provider
from shared.store.tpm import TpmKeyProvider


def _port_pair() -> int:
    """A free TCP port whose successor is free too (the swtpm TCTI's control port is +1)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        try:
            with socket.socket() as s:
                s.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue
    raise RuntimeError("no free port pair")


class SwTpm:
    """A swtpm process on a socket TCTI with its state in a temp dir."""

    def __init__(self, state_dir) -> None:
        self.state_dir = state_dir
        self.state_dir.mkdir(exist_ok=True)
        self.proc = None

    def start(self) -> None:
        self.port = _port_pair()
        self.proc = subprocess.Popen(
            ["swtpm", "socket", "--tpm2", "--tpmstate", "dir={}".format(self.state_dir),
             "--server", "type=tcp,port={},bindaddr=127.0.0.1".format(self.port),
             "--ctrl", "type=tcp,port={},bindaddr=127.0.0.1".format(self.port + 1),
             "--flags", "not-need-init,startup-clear"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port + 1), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("swtpm did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None

    @property
    def tcti(self) -> str:
        return "swtpm:host=127.0.0.1,port={}".format(self.port)

    def esapi(self, work):
        from tpm2_pytss import ESAPI, TCTILdr
        with TCTILdr.parse(self.tcti) as tcti:
            ectx = ESAPI(tcti)
            try:
                return work(ectx)
            finally:
                ectx.close()

    def clear(self) -> None:
        """What an owner clearing the TPM (or a firmware reset) does: a new owner seed."""
        from tpm2_pytss import ESYS_TR
        self.esapi(lambda e: e.clear(ESYS_TR.LOCKOUT))

    def extend_pcr16(self) -> None:
        from tpm2_pytss import ESYS_TR, TPM2_ALG, TPML_DIGEST_VALUES, TPMT_HA, TPMU_HA
        values = TPML_DIGEST_VALUES([TPMT_HA(hashAlg=TPM2_ALG.SHA256, digest=TPMU_HA(sha256=b"\x01" * 32))])
        self.esapi(lambda e: e.pcr_extend(ESYS_TR.PCR16, values))


@pytest.fixture
def swtpm(tmp_path, monkeypatch):
    tpm = SwTpm(tmp_path / "swtpm")
    tpm.start()
    monkeypatch.setenv("YIZHAN_TPM_TCTI", tpm.tcti)
    yield tpm
    tpm.stop()


def _case():
    from shared.domain.case import Case
    return Case("mortgage_first_general")


def test_store_opens_with_its_key_sealed_to_the_tpm(tmp_path, swtpm):
    provider = TpmKeyProvider(tmp_path / "cfg" / "store.tpm")
    case = _case()
    with Store.open(tmp_path / "data", key_provider=provider) as s:
        s.save_case(case)
    blob = (tmp_path / "cfg" / "store.tpm").read_text()
    key = TpmKeyProvider(tmp_path / "cfg" / "store.tpm").load()
    assert key is not None and key.hex() not in blob  # sealed, not stored
    assert (tmp_path / "cfg" / "store.tpm").stat().st_mode & 0o077 == 0
    swtpm.stop()
    swtpm.start()  # a reboot: the TPM keeps its seeds, the primary is derived again
    provider = TpmKeyProvider(tmp_path / "cfg" / "store.tpm", tcti=swtpm.tcti)
    with Store.open(tmp_path / "data", key_provider=provider) as s:
        assert s.get_case(case.id).id == case.id


def test_cleared_tpm_is_reported_and_no_empty_store_is_made(tmp_path, swtpm):
    provider = TpmKeyProvider(tmp_path / "cfg" / "store.tpm")
    case = _case()
    with Store.open(tmp_path / "data", key_provider=provider) as s:
        s.save_case(case)
    before = (tmp_path / "data" / "yizhan.db").read_bytes()
    blob = (tmp_path / "cfg" / "store.tpm").read_bytes()
    swtpm.clear()
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "data", key_provider=TpmKeyProvider(tmp_path / "cfg" / "store.tpm"))
    assert err.value.msg.code == "tpm.reset"
    assert "TPM 已被清除或重置" in str(err.value.msg.render("zh")) and "从备份恢复" in err.value.msg.render("zh")
    assert (tmp_path / "data" / "yizhan.db").read_bytes() == before
    assert (tmp_path / "cfg" / "store.tpm").read_bytes() == blob  # nothing re-sealed


def test_key_bound_to_pcrs_is_refused_after_the_pcr_changes(tmp_path, swtpm):
    blob = tmp_path / "cfg" / "store.tpm"
    key = TpmKeyProvider(blob, pcrs="sha256:16").create()
    assert TpmKeyProvider(blob).load() == key  # the binding is read from the blob
    swtpm.extend_pcr16()
    with pytest.raises(StoreError) as err:
        TpmKeyProvider(blob).load()
    assert err.value.msg.code == "tpm.pcr"


def test_unreachable_tpm_and_damaged_blob_are_named(tmp_path, swtpm):
    blob = tmp_path / "cfg" / "store.tpm"
    TpmKeyProvider(blob).create()
    swtpm.stop()
    with pytest.raises(StoreError) as err:
        TpmKeyProvider(blob).load()
    assert err.value.msg.code == "tpm.unavailable"
    blob.write_text('{"v": 1, "public": "zz", "private": ""}')
    with pytest.raises(StoreError) as err:
        TpmKeyProvider(blob).load()
    assert err.value.msg.code == "tpm.blob"


def test_provider_choice(tmp_path, monkeypatch, swtpm):
    from shared.store import tpm
    cfg, db = tmp_path / "cfg", tmp_path / "data" / "yizhan.db"
    monkeypatch.setenv("YIZHAN_KEY_PROVIDER", "tpm")
    assert isinstance(default_key_provider(db, cfg), TpmKeyProvider)
    monkeypatch.setenv("YIZHAN_KEY_PROVIDER", "auto")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setattr(tpm, "tpm_present", lambda: True)
    assert isinstance(default_key_provider(db, cfg), TpmKeyProvider)  # a new store goes to the TPM
    db.parent.mkdir()
    db.write_bytes(b"x")  # an existing store made without the TPM keeps its provider
    assert isinstance(default_key_provider(db, cfg), FileKeyProvider)
    monkeypatch.setattr(tpm, "tpm_present", lambda: False)
    (cfg).mkdir()
    (cfg / "store.tpm").write_text("{}")  # a sealed key stays the provider, whatever appears
    assert isinstance(default_key_provider(db, cfg), TpmKeyProvider)
    monkeypatch.setenv("YIZHAN_KEY_PROVIDER", "keyring")
    assert isinstance(default_key_provider(db, cfg), KeyringKeyProvider)


def test_pcr_setting_reaches_a_new_key(tmp_path, monkeypatch, swtpm):
    from shared.config import Settings
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    settings = Settings.load(cfg)
    settings.set("store.tpm_pcrs", "sha256:16")
    settings.save()
    monkeypatch.setenv("YIZHAN_KEY_PROVIDER", "tpm")
    with Store.open(tmp_path / "data", cfg) as s:
        s.save_case(_case())
    swtpm.extend_pcr16()
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "data", cfg)
    assert err.value.msg.code == "tpm.pcr"
    assert Settings.load(tmp_path / "elsewhere").get("store.tpm_pcrs") == ""  # the defaults stay as they were
