"""systemd's notify protocol, written out: READY, WATCHDOG heartbeats, STOPPING (Qt-free).

The unit (``installer/kiosk/yizhan-kiosk.service``) has ``Type=notify``, ``WatchdogSec=`` and
``Restart=always``: systemd restarts a kiosk that crashed or stopped sending heartbeats. A
message is one datagram to the ``AF_UNIX`` socket named by ``$NOTIFY_SOCKET`` (a leading ``@``
is the abstract namespace). Outside systemd the variable is unset and every call is a no-op.
"""

from __future__ import annotations

import os
import socket


def notify(state: str, env: dict | None = None) -> bool:
    """Send ``state`` (``READY=1``, ``WATCHDOG=1``, ``STATUS=...``); False when not under systemd."""
    env = os.environ if env is None else env
    address = env.get("NOTIFY_SOCKET", "")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(state.encode("utf-8"))
        return True
    except OSError:
        return False


def watchdog_interval(env: dict | None = None) -> float | None:
    """Seconds between heartbeats: half of ``$WATCHDOG_USEC`` (None: no watchdog for us)."""
    env = os.environ if env is None else env
    usec = env.get("WATCHDOG_USEC", "")
    pid = env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or (pid and pid != str(os.getpid())):
        return None
    return int(usec) / 2e6
