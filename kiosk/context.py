"""The kiosk's composition root: the counter's :class:`~shared.workflow.context.AppContext` on
the ``kiosk`` channel, plus what a self-service terminal carries: receipt printer, voice, face
camera and document camera openers, a temporary directory per session, the admin PIN."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from shared.workflow.context import AppContext


@dataclass
class KioskContext(AppContext):
    """Everything a kiosk screen may use, built once in ``kiosk/app.py`` (or by a test)."""

    channel: str = "kiosk"
    printer: Any = None                         # shared.devices.printer.ReceiptPrinter
    voice: Any = None                           # shared.devices.voice: say(text, lang), stop()
    camera_factory: Callable[[], Any] | None = None   # the face camera (None: devices.camera)
    doccam_factory: Callable[[], Any] | None = None   # () -> iterable of frames (document camera)
    temp_root: Path | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.printer is None:
            from shared.devices.printer import open_printer
            self.printer = open_printer(self.settings.get("devices.printer", "auto"), self.data_dir / "printer-sim")
        if self.voice is None:
            from shared.devices.voice import open_voice
            self.voice = open_voice(self.settings.get("kiosk.voice", "auto"))
        if self.temp_root is None:
            self.temp_root = Path(tempfile.gettempdir()) / "yizhan-kiosk"

    # -- sessions -------------------------------------------------------------------------
    def new_session(self, business_code: str):
        """A new kiosk case of ``business_code`` (stored with its first command)."""
        from shared.workflow.session import CaseSession
        return CaseSession.new(self.store, self.catalog, business_code, channel="kiosk", operator=self.device_name,
                               comparer=self.comparer, outbox=lambda: self.outbox,
                               place=self.place)

    def place(self) -> str:
        """Where the kiosk stands (the interview record's place): the service point's name."""
        from shared.i18n import tr
        return str(self.settings.get("service_point.name", None) or self.settings.get("kiosk.name", None)
                   or tr("不动产登记自助服务终端"))

    def device_name(self):
        """Who acts on a kiosk case: the kiosk itself, as a principal of the ``self_service`` role
        (the applicant signs in person; the core checks its permissions like an operator's)."""
        from shared.domain.operators import OperatorSession, permissions_of
        from shared.i18n import tr
        return OperatorSession("kiosk:" + str(self.settings.get("kiosk.name", None) or "self-service"),
                               tr("自助终端"), ("self_service",), permissions_of(("self_service",)), device=True)

    def session_temp(self) -> Path:
        """A fresh private directory for one applicant's temporary files."""
        self.temp_root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="s-", dir=self.temp_root))

    def wipe_temp(self) -> None:
        """Remove every session's temporary files."""
        if self.temp_root is not None and self.temp_root.exists():
            for child in self.temp_root.iterdir():
                shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)

    def check_pin(self, pin: str) -> bool:
        """Whether ``pin`` is the operator's (``kiosk.admin_pin_sha256``; unset: nobody gets in)."""
        want = str(self.settings.get("kiosk.admin_pin_sha256", None) or "")
        return bool(want) and hashlib.sha256(("yizhan-kiosk:" + pin).encode()).hexdigest() == want

    @staticmethod
    def pin_hash(pin: str) -> str:
        """The setting's value for ``pin``."""
        return hashlib.sha256(("yizhan-kiosk:" + pin).encode()).hexdigest()

    def property_extract(self) -> str | None:
        """The registry's property extract file, if configured."""
        return self.settings.get("kiosk.property_extract", None)

    def close(self) -> None:
        if self.voice is not None:
            self.voice.stop()
        if self.printer is not None:
            self.printer.close()
        super().close()
