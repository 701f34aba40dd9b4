"""What a :class:`~shared.workflow.session.CaseSession` tells its front ends.

Listeners are called on the thread that ran the command (a worker, never assume the UI
thread): a Qt front end turns them into signals. Every event carries a snapshot, never the
session's own case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from shared.domain.case import Case
from shared.domain.steps import Step
from shared.i18n import Msg


@dataclass(frozen=True)
class CaseChanged:
    """A command changed the stored case: its snapshot and steps after the change."""

    command: str
    case: Case
    steps: tuple[Step, ...]
    detail: dict[str, Any]


@dataclass(frozen=True)
class Notice:
    """Something to tell the person at the front end (level: info | warning | error)."""

    level: str
    msg: Msg


@dataclass(frozen=True)
class Submitted:
    """The case is frozen into a packet in the outbox."""

    case_id: str
    packet_id: str


Listener = Callable[[object], None]
