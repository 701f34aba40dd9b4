"""Bring up the embedded default for ``./dev.sh run``: a reference server on 127.0.0.1, and
what a client needs to enroll with it written next to it.

    python -m devserver.demo --server-dir DIR [--port 8443]

* A server already running from ``DIR`` (its pid alive and answering) is reused; otherwise
  ``python -m devserver.main`` is started detached, logging to ``DIR/server.log``.
* The admin token is kept in ``DIR/admin.token`` (0600) so a later run can ask the running
  server for a fresh one-time enrollment code.
* ``DIR/server.url``, ``DIR/ca.fingerprint`` and ``DIR/enroll.code`` (0600, a one-time code)
  are what the operator hands the client: ``yizhan enroll --if-needed --server URL
  --ca-fingerprint FP --code-file DIR/enroll.code`` (the server side never opens a client's
  store: the same trust path an operator follows by hand).

Everything printed is what an operator needs; nothing personal is involved.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

INFO = "running.json"
# The demo registry takes its time, so the officer sees a case move through its states:
# accepted 15 s after delivery, registered a minute later, the proof half a minute after that.
DEMO_RULES = {"accept_delay": 15, "register_delay": 60, "proof_delay": 30}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    return True


def _answering(url: str, ca_pem: str) -> bool:
    import ssl
    import urllib.request
    ctx = ssl.create_default_context(cadata=ca_pem)
    try:
        with urllib.request.urlopen(url + "/v1/time", context=ctx, timeout=3) as resp:
            return resp.status == 200
    except OSError:
        return False


def _admin_token(server_dir: Path) -> str:
    path = server_dir / "admin.token"
    if path.exists():
        return path.read_text("ascii").strip()
    from shared.config import atomic_write
    token = secrets.token_urlsafe(18)
    atomic_write(path, token.encode("ascii"), 0o600)
    return token


def running(server_dir: Path) -> dict | None:
    """The info of the server started from ``server_dir``, if it still runs and answers."""
    path = server_dir / INFO
    try:
        info = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    ca = server_dir / "keys" / "ca.pem"
    if not _alive(int(info.get("pid", -1))) or not ca.exists() or not _answering(info["url"], ca.read_text("ascii")):
        return None
    return info


def start(server_dir: Path, port: int, timeout: float = 60.0) -> dict:
    """Start a detached server from ``server_dir``; wait for its start-up lines."""
    server_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    token = _admin_token(server_dir)
    log_path = server_dir / "server.log"
    rules = server_dir / "demo-rules.json"
    if not rules.exists():
        rules.write_text(json.dumps(DEMO_RULES), "utf-8")
    log = open(log_path, "w", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "devserver.main", "--port", str(port), "--data-dir", str(server_dir),
                             "--admin-token", token, "--rules", str(rules)], stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    log.close()
    deadline = time.monotonic() + timeout
    info: dict = {}
    while time.monotonic() < deadline:
        text = log_path.read_text("utf-8", "replace")
        for key, pat in (("url", r"listening on (\S+)"), ("fingerprint", r"fingerprint \(SHA-256\): (\S+)"),
                         ("code", r"enrollment code: (\S+)")):
            m = re.search(pat, text)
            if m:
                info[key] = m.group(1)
        if len(info) == 3:
            break
        if proc.poll() is not None:
            raise RuntimeError("the reference server stopped at start-up:\n" + text[-2000:])
        time.sleep(0.1)
    else:
        proc.send_signal(signal.SIGTERM)
        raise RuntimeError("the reference server did not start within {:.0f} s (see {})".format(timeout, log_path))
    info["pid"] = proc.pid
    from shared.config import atomic_write
    atomic_write(server_dir / INFO, json.dumps({k: v for k, v in info.items() if k != "code"}).encode("utf-8"), 0o600)
    return info


def new_code(server_dir: Path, info: dict) -> str:
    import ssl
    import urllib.request
    ctx = ssl.create_default_context(cadata=(server_dir / "keys" / "ca.pem").read_text("ascii"))
    req = urllib.request.Request(info["url"] + "/admin/enroll-codes", data=b"{}", method="POST",
                                 headers={"X-Admin-Token": _admin_token(server_dir), "Content-Type": "application/json"})
    with urllib.request.urlopen(req, context=ctx, timeout=10) as resp:
        return json.loads(resp.read())["code"]


def write_enrollment(server_dir: Path, info: dict) -> dict[str, Path]:
    """Write the server URL, CA fingerprint and a one-time enrollment code for the client."""
    from shared.config import atomic_write
    code = info.get("code") or new_code(server_dir, info)
    out = {"url": server_dir / "server.url", "fingerprint": server_dir / "ca.fingerprint",
           "code": server_dir / "enroll.code"}
    atomic_write(out["url"], (info["url"] + "\n").encode("ascii"), 0o644)
    atomic_write(out["fingerprint"], (info["fingerprint"] + "\n").encode("ascii"), 0o644)
    atomic_write(out["code"], (code + "\n").encode("ascii"), 0o600)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devserver.demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-dir", type=Path, required=True)
    parser.add_argument("--port", type=int, default=8443)
    args = parser.parse_args(argv)
    info = running(args.server_dir)
    if info is None:
        info = start(args.server_dir, args.port)
        print("reference server started on {} (pid {}, log {})".format(info["url"], info["pid"],
                                                                       args.server_dir / "server.log"))
    else:
        print("reference server already running on {} (pid {})".format(info["url"], info["pid"]))
    files = write_enrollment(args.server_dir, info)
    print("CA fingerprint (SHA-256): {}".format(info["fingerprint"]))
    print("enroll a client with: yizhan enroll --if-needed --server {} --ca-fingerprint {} --code-file {}".format(
        info["url"], info["fingerprint"], files["code"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
