"""How a front end asks and tells: the prompter policy (Qt-free).

Screens never open a message box themselves; they ask the prompter they were handed. The
counter's is made of dialogs (:class:`shared.ui.prompter.QtDialogPrompter`), a kiosk's will be
full-screen overlays, and tests and unattended runs use :class:`AutoPrompter`, which answers
from a script and never blocks (what ``--no-error-windows`` does in qutebrowser).
"""

from __future__ import annotations

from typing import Protocol, Sequence


class Prompter(Protocol):
    """Ask yes/no, ask for a reason, tell something."""

    #: False where nobody can answer a modal dialog (tests, unattended runs): screens then skip
    #: what only makes sense with a person (a print dialog) and tell instead.
    interactive: bool

    def confirm(self, title: str, text: str) -> bool:
        """Yes (True) or no (False) to ``text``."""

    def ask_reason(self, title: str, choices: Sequence[str], text: str = "") -> str | None:
        """One of ``choices`` or a free text; None when the person cancels."""

    def notify(self, level: str, msg: str) -> None:
        """Tell ``msg`` (level: info | warning | error)."""


class AutoPrompter:
    """Answers without asking: ``confirm`` returns :attr:`answer` (the safe "no" by default),
    ``ask_reason`` returns :attr:`reason` (None: cancelled). Every question is kept in
    :attr:`asked` and every message in :attr:`told`, for tests to look at."""

    interactive = False

    def __init__(self, answer: bool = False, reason: str | None = None) -> None:
        self.answer = answer
        self.reason = reason
        self.asked: list[tuple[str, str, str]] = []   # (kind, title, text)
        self.told: list[tuple[str, str]] = []          # (level, message)

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(("confirm", title, text))
        return self.answer

    def ask_reason(self, title: str, choices: Sequence[str], text: str = "") -> str | None:
        self.asked.append(("reason", title, text))
        return self.reason

    def notify(self, level: str, msg: str) -> None:
        self.told.append((level, msg))
