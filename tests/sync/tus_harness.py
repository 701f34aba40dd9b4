"""The other side of the tus conformance runs (tests and bench P11): ``@tus/server`` from npm
under Node, and a TCP relay that cuts a connection mid-upload.

The npm packages are installed from the registry with ``npm ci`` (exactly the versions the
committed ``tests/tus/node/package-lock.json`` pins) the first time they are needed after the
lockfile changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
import subprocess
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_DIR = ROOT / "tests" / "tus" / "node"


def npm_ci() -> None:
    """``npm ci`` in the intake's folder unless its node_modules match the lockfile already."""
    want = hashlib.sha256((NODE_DIR / "package-lock.json").read_bytes()).hexdigest()
    stamp = NODE_DIR / "node_modules" / ".yizhan-lock-sha256"
    if stamp.exists() and stamp.read_text("ascii").strip() == want:
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=NODE_DIR, check=True,
                   timeout=900, stdout=subprocess.DEVNULL)
    stamp.write_text(want, "ascii")


class TusIntake:
    """``@tus/server`` + ``@tus/file-store`` on 127.0.0.1 over HTTPS (``key``/``cert``: PEM files),
    storing uploads in ``store``: ``url`` is its creation endpoint."""

    def __init__(self, store: Path, key: Path, cert: Path) -> None:
        npm_ci()
        self.store = Path(store)
        self.store.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(["node", "intake.js", str(self.store), str(key), str(cert)], cwd=NODE_DIR,
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("listening "):
            self.close()
            raise RuntimeError("the tus intake did not start: {!r}".format(line))
        self.port = int(line.split()[1])
        self.url = "https://127.0.0.1:{}/files/".format(self.port)

    def uploads(self) -> list[str]:
        """The ids of the uploads in the store."""
        return sorted(p.stem for p in self.store.glob("*.json"))

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


class DropProxy:
    """A TCP relay on 127.0.0.1 to ``port``: TLS passes through untouched. :meth:`drop_after`
    arms it to cut the connection that carries the client's ``n``-th byte from now (once)."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = "https://127.0.0.1:{}".format(self.port)
        self.upstream_bytes = 0  # client -> server, all connections
        self.drops = 0
        self._armed: int | None = None
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        threading.Thread(target=self._accept, daemon=True, name="drop-proxy").start()

    def drop_after(self, n: int) -> None:
        with self._lock:
            self._armed = self.upstream_bytes + n

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            with self._lock:
                self._open |= {client, upstream}
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, up: bool) -> None:
        try:
            while True:
                data = src.recv(16384)
                if not data:
                    break
                if up:
                    with self._lock:
                        cut = self._armed is not None and self.upstream_bytes + len(data) >= self._armed
                        if cut:
                            data = data[:self._armed - self.upstream_bytes]
                            self._armed = None
                            self.drops += 1
                        self.upstream_bytes += len(data)
                    if cut:
                        dst.sendall(data)
                        break
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self) -> None:
        self.sock.close()
        with self._lock:
            for s in self._open:
                try:
                    s.close()
                except OSError:
                    pass


CHUNK = 64 << 10


@contextlib.contextmanager
def node_intake_server(work: Path):
    """A reference server (in this process) whose tus intake is ``@tus/server`` behind a
    :class:`DropProxy`: yields (server, intake, proxy)."""
    from devserver.main import DevServer
    srv = DevServer(work / "srv", rsa_bits=2048)
    intake = TusIntake(work / "tus-store", srv.state.keys.key_file, srv.state.keys.cert_file)
    proxy = DropProxy(intake.port)
    try:
        srv.cfg.tus_endpoint, srv.cfg.tus_store = proxy.url + "/files/", intake.store
        srv.start()
        yield srv, intake, proxy
    finally:
        srv.close()
        proxy.close()
        intake.close()


def uploader_to_node(store, outbox, srv, intake, proxy, case_id: str, chunk: int = CHUNK) -> dict:
    """Our uploader delivers case ``case_id``'s packet to ``@tus/server``, cut off halfway
    once: what happened (see :func:`conformant`)."""
    from shared.sync import enrollment
    from shared.sync.client import SyncClient
    from shared.sync.uploader import PacketUploader
    def uploader():
        return PacketUploader(outbox, SyncClient(enrollment.require(store)), chunk_size=chunk)
    item = outbox.submit(case_id)
    packet = outbox.path(item).read_bytes()
    proxy.drop_after(len(packet) // 2)  # the link goes down in the middle of a chunk
    first = uploader().run_once(force=True)
    facts = {"size": len(packet), "drops": proxy.drops, "cut_off": first.online is False and not first.committed,
             "uploads_after_drop": intake.uploads()}
    facts["kept"] = sum((intake.store / u).stat().st_size for u in facts["uploads_after_drop"])
    sent_before = proxy.upstream_bytes
    remembered = sorted(p.name for p in (outbox.dir.parent / "sync" / "tus").glob("*.url"))
    second = uploader().run_once(force=True)  # a new uploader, as after a restart: it finds the upload again
    facts.update(committed=second.committed == [item.packet_id], uploads=intake.uploads(),
                 remembered=remembered, forgotten=not any((outbox.dir.parent / "sync" / "tus").glob("*.url")),
                 resent=proxy.upstream_bytes - sent_before,
                 intake_exact=[(intake.store / u).read_bytes() == packet for u in intake.uploads()] == [True],
                 server_exact=srv.state.upload_path(_device_id(store), item.packet_id).read_bytes() == packet,
                 state=(outbox.get(item.packet_id).state))
    row = srv.state.db.one("SELECT sha256 FROM packets WHERE packet_id = ?", (item.packet_id,))
    facts["server_sha_ok"] = bool(row) and row[0] == hashlib.sha256(packet).hexdigest()
    return facts


def tuspy_to_devserver(store, outbox, srv, case_id: str, chunk: int = CHUNK) -> dict:
    """``tuspy`` carries case ``case_id``'s packet to the reference server's tus endpoint
    (announced and committed by our signed control plane), cut off halfway once, then resumed
    by a new tuspy uploader from the URL alone."""
    import os

    from tusclient import client as tus_client
    from tusclient.exceptions import TusCommunicationError, TusUploadFailed

    from shared.sync import enrollment
    from shared.sync.client import SyncClient
    item = outbox.submit(case_id)
    packet = outbox.path(item).read_bytes()
    client = SyncClient(enrollment.require(store))
    view = client.announce(item.packet_id, item.size, item.sha256, item.signature)
    proxy = DropProxy(srv.port)
    old_ca = os.environ.get("REQUESTS_CA_BUNDLE")
    os.environ["REQUESTS_CA_BUNDLE"] = str(srv.state.keys.cert_file.parent / "ca.pem")  # tuspy verifies TLS by it
    facts: dict = {"size": len(packet)}
    try:
        tus = tus_client.TusClient(proxy.url + "/v1/tus/")
        meta = {"packet_id": item.packet_id, "ticket": view["upload_ticket"]}
        with open(outbox.path(item), "rb") as fh:
            up = tus.uploader(file_stream=fh, chunk_size=chunk, metadata=meta, upload_checksum=True, retries=0)
            proxy.drop_after(len(packet) // 2)
            try:
                up.upload()
                facts["cut_off"] = False
            except (TusCommunicationError, TusUploadFailed):
                facts["cut_off"] = True
            facts["drops"], url = proxy.drops, up.url
        with open(outbox.path(item), "rb") as fh:  # a new uploader, as after a restart: HEAD, then on
            again = tus.uploader(file_stream=fh, url=url, chunk_size=chunk, upload_checksum=True, retries=0)
            facts["resumed_at"] = again.offset
            again.upload()
    finally:
        proxy.close()
        if old_ca is None:
            os.environ.pop("REQUESTS_CA_BUNDLE", None)
        else:
            os.environ["REQUESTS_CA_BUNDLE"] = old_ca
    facts["url"] = url
    facts["server_exact"] = srv.state.upload_path(_device_id(store), item.packet_id).read_bytes() == packet
    answer = client.commit(item.packet_id, url)  # signed: hashed against the announce, decrypted, kept
    facts["server_sha_ok"] = answer["sha256"] == hashlib.sha256(packet).hexdigest()
    facts["state"] = client.packet_status(item.packet_id)["state"]
    return facts


def conformant(facts: dict) -> bool:
    """Delivered byte for byte, cut off once, and resumed from the confirmed offset."""
    size = facts["size"]
    if not (facts["drops"] == 1 and facts["cut_off"] and facts["server_exact"] and facts["server_sha_ok"]):
        return False
    if "resumed_at" in facts:  # tuspy -> reference server
        return 0 < facts["resumed_at"] < size and facts["state"] == "committed"
    return (facts["committed"] and facts["intake_exact"] and facts["uploads"] == facts["uploads_after_drop"]
            and 0 < facts["kept"] < size and facts["resent"] < size - facts["kept"] + CHUNK)


def _device_id(store) -> str:
    """This store's device id at the reference server (packet ids are per device there)."""
    from shared.sync import enrollment
    return enrollment.require(store).device_id
