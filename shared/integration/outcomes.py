"""Outcomes back to the bank's system: a signed webhook with retries, a drop folder as the fallback.

Each outcome the status puller applies to a case the bank's system created is kept in the
encrypted store in the same transaction (``integration_events``). :class:`OutcomeNotifier`
delivers those not yet acknowledged, oldest first:

* **Webhook** (setting ``integration.webhook_url``): ``POST`` of the notification's JSON; any
  2xx answer acknowledges it, and an acknowledged event is never sent again. Anything else
  (refused connection, timeout, 5xx, a redirect, which is not followed) is retried with
  exponential back-off (full jitter, capped at 10 minutes) for as long as it takes: a webhook
  down for a day gets every outcome of that day, in order, once it is back (the oldest event
  not acknowledged holds the ones behind it).
* **Drop folder** (``integration.drop_dir``): the notification written atomically as
  ``<case_id>_<event_id>.json``. Without a webhook the file is the delivery. With one, the
  file is written once after ``fallback_after_attempts`` failed attempts, and the webhook keeps
  being retried: the bank's system may see an event both ways and recognises it by its id.

**Signature.** HMAC-SHA256 with the installation's secret (``yizhan integration secret``):
header ``X-Yizhan-Signature: t=<unix seconds>,v1=<hex>`` over ``<t>.<body bytes>``, with
``X-Yizhan-Event: <event_id>``. The receiver recomputes it, compares in constant time and
refuses a timestamp far from its clock (replay). A drop-folder file holds
``{"event_id", "signature", "body"}`` with the body as the exact signed text.

A notification carries no personal data: case id, loan reference, outcome kind, receipt /
registration / proof numbers, reasons and corrections, and the outcome documents by id (the
documents themselves are fetched through the API with the token).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from shared.config import atomic_write
from shared.store.integration_table import PendingEvent
from shared.sync.backoff import Backoff

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Yizhan-Signature"
EVENT_HEADER = "X-Yizhan-Event"
TIMEOUT_S = 10.0
NOTIFICATION_FORMAT = "yizhan-outcome/1"


def notification_body(ev: PendingEvent) -> bytes:
    """The JSON the bank's system receives for one event (stable across retries)."""
    body = {"format": NOTIFICATION_FORMAT, "event_id": ev.event_id, "case_id": ev.case_id,
            "reference": ev.reference, "kind": ev.kind, "created_at": ev.created_at, "outcome": ev.detail}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign(secret: bytes, body: bytes, timestamp: int) -> str:
    """The signature header's value for ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret, str(int(timestamp)).encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return "t={},v1={}".format(int(timestamp), mac)


def verify(secret: bytes, body: bytes, header: str, now: float | None = None, tolerance_s: float = 300.0) -> bool:
    """What the receiver does (and the tests): the header's MAC matches and its time is near."""
    try:
        parts = dict(p.split("=", 1) for p in header.split(","))
        ts = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((time.time() if now is None else now) - ts) > tolerance_s:
        return False
    return hmac.compare_digest(sign(secret, body, ts), header)


def drop_name(ev: PendingEvent) -> str:
    """``<case_id>_<event_id>.json`` (both made of safe characters only)."""
    safe = "".join(c if c.isalnum() or c in "-." else "_" for c in "{}_{}".format(ev.case_id, ev.event_id))
    return safe[:200] + ".json"


@dataclass
class DeliveryReport:
    """What one pass did."""

    delivered: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect is a failure, never followed
        return None


class OutcomeNotifier:
    """Delivers the pending outcome events of ``store`` (see the module's notes)."""

    def __init__(self, store, webhook_url: str = "", drop_dir: Path | str | None = None,
                 fallback_after_attempts: int = 3, backoff: Backoff | None = None,
                 clock: Callable[[], float] = time.time, secret: bytes | None = None) -> None:
        from shared.integration.credentials import signing_secret
        self.store = store
        self.webhook_url = (webhook_url or "").strip()
        self.drop_dir = Path(drop_dir) if drop_dir else None
        self.fallback_after = max(0, int(fallback_after_attempts))
        self.backoff = backoff or Backoff(base=5.0, cap=600.0)
        self.clock = clock
        self.secret = secret or signing_secret(store)
        self._opener = urllib.request.build_opener(_NoRedirect)
        self._wake = threading.Event()

    @classmethod
    def from_settings(cls, store, settings) -> "OutcomeNotifier":
        return cls(store, settings.get("integration.webhook_url", ""), settings.get("integration.drop_dir", "") or None,
                   settings.get("integration.fallback_after_attempts", 3))

    @property
    def configured(self) -> bool:
        return bool(self.webhook_url or self.drop_dir)

    def deliver_due(self, limit: int = 50) -> DeliveryReport:
        """One pass: the pending events in order, until the webhook fails. The oldest event not
        acknowledged holds the ones behind it (the bank's system gets them in order, and a
        webhook that is down costs one attempt a pass, not one per event)."""
        report = DeliveryReport()
        if not self.configured:
            return report
        now = self.clock()
        pending = self.store.read(lambda tx: tx.integration.pending(limit))
        if not pending or pending[0].next_attempt_at > now:
            return report
        for i, ev in enumerate(pending):
            body = notification_body(ev)
            if not self.webhook_url:
                self._drop(ev, body)
                if self.store.transaction(lambda tx, ev=ev: (tx.integration.mark_dropped(ev.event_id),
                                                             tx.integration.delivered(ev.event_id, "folder"))[1]):
                    report.dropped.append(ev.event_id)
                    report.delivered.append(ev.event_id)
                continue
            error = self._post(ev, body)
            if error is None:
                if self.store.transaction(lambda tx, ev=ev: tx.integration.delivered(ev.event_id, "webhook")):
                    report.delivered.append(ev.event_id)
                continue
            attempts = ev.attempts + 1
            wait = self.backoff.delay(attempts)
            self.store.transaction(lambda tx, ev=ev, a=attempts, w=wait, e=error:
                                   tx.integration.failed(ev.event_id, a, now + w, e))
            report.failed.append(ev.event_id)
            log.info("outcome notification %s not delivered (attempt %d): %s; next in %.0f s",
                     ev.event_id, attempts, error, wait)
            if self.drop_dir and attempts >= self.fallback_after:
                for later in pending[i:]:  # the fallback: everything still owed, once each
                    if not later.dropped:
                        self._drop(later, notification_body(later))
                        self.store.transaction(lambda tx, e=later: tx.integration.mark_dropped(e.event_id))
                        report.dropped.append(later.event_id)
            break
        return report

    def _post(self, ev: PendingEvent, body: bytes) -> str | None:
        """None when the webhook acknowledged it (2xx), else why not (no personal data in it)."""
        if not self.webhook_url.lower().startswith(("http://", "https://")):
            return "not an http(s) URL"  # never file:, ftp: or anything else urllib would open
        req = urllib.request.Request(self.webhook_url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", EVENT_HEADER: ev.event_id,
            SIGNATURE_HEADER: sign(self.secret, body, int(self.clock())), "User-Agent": "yizhan-outcomes/1"})
        try:
            with self._opener.open(req, timeout=TIMEOUT_S) as resp:
                resp.read(4096)
                return None if 200 <= resp.status < 300 else "HTTP {}".format(resp.status)
        except urllib.error.HTTPError as exc:
            return "HTTP {}".format(exc.code)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return type(reason).__name__ if not isinstance(reason, str) else reason[:80]

    def _drop(self, ev: PendingEvent, body: bytes) -> None:
        assert self.drop_dir is not None
        ts = int(self.clock())
        envelope = {"event_id": ev.event_id, "signature": sign(self.secret, body, ts), "body": body.decode("utf-8")}
        atomic_write(self.drop_dir / drop_name(ev), json.dumps(envelope, ensure_ascii=False).encode("utf-8"), mode=0o640)

    # -- background --------------------------------------------------------------------------
    def wake(self) -> None:
        """Try now (after a sync pass brought outcomes)."""
        self._wake.set()

    def run(self, stop: threading.Event, interval_s: float = 5.0) -> None:
        """Deliver until ``stop`` is set, every ``interval_s`` or when woken."""
        while not stop.is_set():
            try:
                self.deliver_due()
            except Exception:  # a store or disk error must not end the loop; it is logged
                log.exception("outcome notifications: pass failed")
            self._wake.wait(interval_s)
            self._wake.clear()

    def start(self, stop: threading.Event, interval_s: float = 5.0) -> threading.Thread:
        thread = threading.Thread(target=self.run, args=(stop, interval_s), name="integration-outcomes", daemon=True)
        thread.start()
        return thread


def pending_count(store) -> dict[str, Any]:
    """How many notifications are pending / delivered."""
    return store.read(lambda tx: tx.integration.counts())
