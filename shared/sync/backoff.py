"""Exponential back-off with full jitter, a cap, and the server's ``Retry-After`` honoured.

Full jitter (a uniform delay between 0 and the exponential bound) spreads thousands of
devices returning after a province-wide outage instead of letting them stampede together.
"""

from __future__ import annotations

import random


class Backoff:
    """Delay before attempt ``n`` (1-based) after a failure."""

    def __init__(self, base: float = 2.0, cap: float = 600.0, jitter: bool = True,
                 rng: random.Random | None = None) -> None:
        self.base, self.cap, self.jitter = base, cap, jitter
        self.rng = rng or random.Random()

    def bound(self, attempt: int) -> float:
        return min(self.cap, self.base * (2 ** max(0, min(attempt, 40) - 1)))

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait; never less than the server's ``retry_after``."""
        bound = self.bound(attempt)
        wait = self.rng.uniform(0, bound) if self.jitter else bound
        if retry_after is not None:
            wait = max(wait, min(float(retry_after), 3600.0))  # the server knows its load best
        return wait
