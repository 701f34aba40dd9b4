"""Voice prompts: one small interface, spoken by espeak-ng or kept silent (Qt-free).

:func:`open_voice` gives :class:`EspeakVoice` where ``espeak-ng`` is installed (a subprocess per
prompt; a new prompt cuts the one still speaking) and :class:`SilentVoice` elsewhere and in
tests, which keeps what it was asked to say in :attr:`SilentVoice.said`. Chinese is spoken with
espeak-ng's Mandarin voice (``cmn``), English with ``en``. A front end may give its own voice
with the same two methods (Qt's text-to-speech where that add-on is installed).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading

log = logging.getLogger("yizhan.devices.voice")

VOICES = {"zh": "cmn", "en": "en"}


class SilentVoice:
    """Says nothing; remembers each prompt (tests, a muted kiosk)."""

    simulated = True
    description = "silent"

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []

    def say(self, text: str, lang: str = "zh") -> None:
        """Speak ``text`` (here: remember it)."""
        self.said.append((lang, text))

    def stop(self) -> None:
        """Stop speaking."""

    def forget(self) -> None:
        """Drop what was said (the session wipe)."""
        self.said.clear()


class EspeakVoice:
    """Speaks through ``espeak-ng`` (non-blocking: one child process at a time)."""

    simulated = False

    def __init__(self, binary: str = "espeak-ng", speed: int = 150) -> None:
        self.binary, self.speed = binary, speed
        self.description = binary
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def say(self, text: str, lang: str = "zh") -> None:
        self.stop()
        try:
            proc = subprocess.Popen([self.binary, "-v", VOICES.get(lang, "cmn"), "-s", str(self.speed), "--", text],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            log.warning("voice prompt failed: %s not startable", self.binary)
            return
        with self._lock:
            self._proc = proc

    def stop(self) -> None:
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(1.0)
            except subprocess.TimeoutExpired:
                proc.kill()

    def forget(self) -> None:
        self.stop()


def open_voice(spec: str = "auto"):
    """``off`` / ``silent``: :class:`SilentVoice`; ``espeak`` or ``auto``: espeak-ng when found."""
    spec = str(spec or "auto")
    if spec in ("auto", "espeak"):
        binary = shutil.which("espeak-ng")
        if binary:
            return EspeakVoice(binary)
    return SilentVoice()
