"""The counter's composition root: :class:`shared.workflow.context.AppContext` (the kiosk has its
own subclass; what both need lives in shared)."""

from shared.workflow.context import AppContext

__all__ = ["AppContext"]
