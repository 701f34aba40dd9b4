"""``yizhan-devserver``: run the reference registration server, or start one in a thread.

    yizhan-devserver --port 8443 --data-dir ./devserver-data [--host 127.0.0.1]

prints the URL, the CA fingerprint to give the client at enrollment, a fresh one-time
enrollment code and the admin token (for fault injection and advancing time).
"""

from __future__ import annotations

import argparse
import json
import logging
import socket
import sys
import threading
import time
from pathlib import Path

from devserver.app import ServerConfig, ServerState, create_app


class DevServer:
    """One server instance on a socket of its own (``start`` in a thread, ``stop``, restart)."""

    def __init__(self, data_dir: Path, host: str = "127.0.0.1", port: int = 0, rsa_bits: int = 3072,
                 **cfg) -> None:
        self.host, self.port = host, port
        self.cfg = ServerConfig(Path(data_dir), rsa_bits=rsa_bits, **cfg)
        self.state = ServerState(self.cfg)
        self.app = create_app(self.state)
        self._server = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return "https://{}:{}".format(self.host, self.port)

    @property
    def fingerprint(self) -> str:
        return self.state.keys.ca_fingerprint

    @property
    def admin_token(self) -> str:
        return self.cfg.admin_token

    def new_code(self) -> str:
        return self.state.new_code()

    def _socket(self) -> socket.socket:
        # proto must say TCP: asyncio only turns Nagle off (TCP_NODELAY) on accepted sockets whose
        # proto is IPPROTO_TCP, and with Nagle on every small response waits ~40 ms for the
        # client's delayed ACK (measured: 44 ms per request instead of 1 ms).
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(2048)
        self.port = sock.getsockname()[1]
        return sock

    def _uvicorn(self):
        import uvicorn
        config = uvicorn.Config(self.app, ssl_keyfile=str(self.state.keys.key_file),
                                ssl_certfile=str(self.state.keys.cert_file), log_level="critical",
                                access_log=False, lifespan="off", timeout_keep_alive=30, backlog=2048)
        return uvicorn.Server(config)

    def start(self) -> "DevServer":
        """Serve in a background thread; return once it accepts connections."""
        sock = self._socket()
        self._server = self._uvicorn()
        self._server.install_signal_handlers = lambda: None  # not the main thread
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True,
                                        name="devserver-{}".format(self.port))
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("devserver did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving (the data stay; ``start`` again resumes on the same port)."""
        if self._server is not None:
            self._server.should_exit = True
            self._server.force_exit = True
            self._thread.join(timeout=15)
            self._server = None

    def close(self) -> None:
        self.stop()
        self.state.db.close()

    # -- administration shortcuts for tests ------------------------------------------------
    def admin(self, path: str, body: dict | None = None, method: str = "POST") -> dict:
        import requests
        resp = requests.request(method, self.url + path, json=body or {}, headers={"X-Admin-Token": self.admin_token},
                                verify=str(self.state.keys.cert_file.parent / "ca.pem"), timeout=30)
        resp.raise_for_status()
        return resp.json()

    def faults(self, **faults) -> dict:
        return self.admin("/admin/faults", faults)

    def rules(self, **rules) -> dict:
        return self.admin("/admin/rules", rules)

    def advance(self, seconds: float) -> dict:
        return self.admin("/admin/advance", {"seconds": seconds})

    def stats(self) -> dict:
        from devserver.app import stats
        return stats(self.state)


def start_in_thread(data_dir: Path, port: int = 0, host: str = "127.0.0.1", **kw) -> DevServer:
    """Start a server in this process (tests): ``srv.url``, ``srv.fingerprint``, ``srv.new_code()``."""
    return DevServer(data_dir, host, port, **kw).start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="yizhan-devserver", description="一站 参考登记服务器 / reference registration server")
    parser.add_argument("--port", type=int, default=8443)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--rsa-bits", type=int, default=3072)
    parser.add_argument("--rules", type=Path, help="registry rules JSON (delays, jurisdiction, policies)")
    parser.add_argument("--faults", type=Path, help="fault injection JSON")
    parser.add_argument("--admin-token", help="admin token (default: random, printed)")
    parser.add_argument("--wlt-lib", help="vendor WLT decoder library, to compare faces with card photos")
    parser.add_argument("--suites", default="default,gm",
                        help="crypto suites offered at enrollment, comma separated (default, gm)")
    parser.add_argument("--tus-endpoint", help="a standard tus server's creation URL to take the uploads (default: this server)")
    parser.add_argument("--tus-store", type=Path, help="that tus server's file store, as this server reads it")
    args = parser.parse_args(argv)
    suites = tuple(s.strip() for s in args.suites.split(",") if s.strip())
    if not suites or any(s not in ("default", "gm") for s in suites):
        parser.error("--suites: a comma separated list of default, gm")
    logging.basicConfig(level=logging.WARNING)
    kw: dict = {"admin_token": args.admin_token} if args.admin_token else {}
    kw["suites"] = suites
    if args.wlt_lib:
        kw["wlt_lib"] = args.wlt_lib
    if args.tus_endpoint:
        kw.update(tus_endpoint=args.tus_endpoint, tus_store=args.tus_store)
    srv = DevServer(args.data_dir, args.host, args.port, rsa_bits=args.rsa_bits, **kw)
    if args.rules:
        srv.state.db.kv_put("rules", json.loads(args.rules.read_text("utf-8")))
    if args.faults:
        from devserver.faults import Faults
        srv.state.injector.configure(Faults(**json.loads(args.faults.read_text("utf-8"))))
    srv.start()
    print("yizhan-devserver listening on {}".format(srv.url))
    print("CA fingerprint (SHA-256): {}".format(srv.fingerprint))
    print("enrollment code: {}".format(srv.new_code()))
    print("admin token: {}".format(srv.admin_token))
    print("enroll with: yizhan enroll --server {} --code <code> --ca-fingerprint {}".format(srv.url, srv.fingerprint),
          flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        srv.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
