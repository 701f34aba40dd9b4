"""The upload speaks tus 1.0, both ways: our uploader against ``@tus/server`` (npm, under Node)
as the registry's intake, and ``tuspy`` against the reference server's tus endpoint; each
delivers the packet byte for byte and resumes after its connection is cut mid-upload."""

from __future__ import annotations

import base64
import hashlib

import pytest

import tus_harness
from sync_helpers import make_case


@pytest.fixture
def intake_server(tmp_path):
    with tus_harness.node_intake_server(tmp_path) as parts:
        yield parts


@pytest.fixture
def intake_outbox(store, settings, intake_server):
    from shared.sync import enrollment
    from shared.sync.outbox import Outbox
    srv = intake_server[0]
    enrollment.enroll(store, srv.url, srv.new_code(), srv.fingerprint)
    return Outbox(store, settings)


def test_our_uploader_delivers_to_tus_node_server_and_resumes_after_a_drop(store, fake, intake_server, intake_outbox):
    srv, intake, proxy = intake_server
    case = make_case(store, fake, page_bytes=200_000, pages=2)
    facts = tus_harness.uploader_to_node(store, intake_outbox, srv, intake, proxy, case.id)
    size = facts["size"]
    assert size > 5 * tus_harness.CHUNK
    assert facts["drops"] == 1 and facts["cut_off"]  # the first pass lost its link halfway
    assert len(facts["uploads_after_drop"]) == 1 and 0 < facts["kept"] < size  # the intake kept what arrived
    assert facts["committed"] and facts["state"] == "committed"
    assert facts["uploads"] == facts["uploads_after_drop"]  # the same upload resumed, not a new one ...
    assert facts["remembered"] and facts["forgotten"]  # ... found again by a new uploader, forgotten once committed
    assert facts["resent"] < size - facts["kept"] + tus_harness.CHUNK  # from the confirmed offset, not from zero
    assert facts["intake_exact"] and facts["server_exact"] and facts["server_sha_ok"]
    assert tus_harness.conformant(facts)


def test_the_commit_refuses_an_intake_upload_of_another_packet(store, fake, intake_server, intake_outbox):
    from shared.sync.client import ServerError
    srv, intake, proxy = intake_server
    facts = tus_harness.uploader_to_node(store, intake_outbox, srv, intake, proxy, make_case(store, fake).id)
    assert facts["committed"]
    from shared.sync import enrollment
    from shared.sync.client import SyncClient
    client = SyncClient(enrollment.require(store))
    third = intake_outbox.submit(make_case(store, fake).id)
    view = client.announce(third.packet_id, third.size, third.sha256, third.signature)
    assert "upload_url" not in view and view["tus_endpoint"] == proxy.url + "/files/"
    stolen = proxy.url + "/files/" + intake.uploads()[0]  # an upload that carries another packet's id
    with pytest.raises(ServerError) as err:
        client.commit(third.packet_id, stolen)
    assert err.value.server_code == "not_authorised"


def test_tuspy_delivers_to_the_reference_server_and_resumes_after_a_drop(store, fake, srv, outbox):
    facts = tus_harness.tuspy_to_devserver(store, outbox, srv, make_case(store, fake, page_bytes=200_000, pages=2).id)
    assert facts["drops"] == 1 and facts["cut_off"]
    assert facts["url"].split("/v1/tus/")[1]  # tuspy created the upload (creation) with the ticket
    assert 0 < facts["resumed_at"] < facts["size"]  # a fresh tuspy uploader found the confirmed offset by HEAD
    assert facts["server_exact"] and facts["server_sha_ok"] and facts["state"] == "committed"
    assert tus_harness.conformant(facts)


def test_tus_endpoint_checks_version_checksum_ticket_and_terminates(store, settings, fake, srv, enrolled):
    from shared.sync.client import SyncClient
    from shared.sync.outbox import Outbox
    client = SyncClient(enrolled)
    item = Outbox(store, settings).submit(make_case(store, fake).id)
    view = client.announce(item.packet_id, item.size, item.sha256, item.signature)
    url, session = view["upload_url"], client.session
    info = client.tus_options(view["tus_endpoint"])
    assert info["versions"] == {"1.0.0"} and {"creation", "creation-with-upload", "checksum", "termination"} <= info["extensions"]
    assert "sha256" in info["checksums"]
    assert session.head(url, timeout=10).status_code == 412  # no Tus-Resumable
    h = {"Tus-Resumable": "1.0.0", "Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"}
    wrong = "sha256 " + base64.b64encode(hashlib.sha256(b"other").digest()).decode()
    bad = session.patch(url, data=b"abc", headers={**h, "Upload-Checksum": wrong}, timeout=10)
    assert bad.status_code == 460 and client.tus_offset(url) == 0  # nothing kept
    assert session.patch(url, data=b"abc", headers={**h, "Content-Type": "text/plain"}, timeout=10).status_code == 415
    meta = client.tus_metadata({"packet_id": item.packet_id, "ticket": "guessed"})
    refused = session.post(view["tus_endpoint"], headers={"Tus-Resumable": "1.0.0", "Upload-Length": str(item.size),
                                                          "Upload-Metadata": meta}, timeout=10)
    assert refused.status_code == 403
    packet = Outbox(store, settings).path(item).read_bytes()
    new_url, offset = client.tus_create(view["tus_endpoint"], item.size,
                                        {"packet_id": item.packet_id, "ticket": view["upload_ticket"]}, packet[:1000])
    assert offset == 1000 and new_url != url and client.tus_offset(url) is None  # the new upload replaced the old
    client.tus_delete(new_url)
    assert client.tus_offset(new_url) is None


def test_our_uploader_sends_chunk_checksums_when_asked_and_offered(store, settings, fake, srv, enrolled):
    """With ``checksums`` every PATCH carries a SHA-256 ``Upload-Checksum`` (the next chunk's
    hashed while one goes out): a wrong one would be refused with 460 and nothing would commit."""
    from shared.sync.client import SyncClient
    from shared.sync.outbox import Outbox
    from shared.sync.uploader import PacketUploader
    outbox = Outbox(store, settings)
    item = outbox.submit(make_case(store, fake, page_bytes=200_000, pages=2).id)
    client = SyncClient(enrolled)
    sent = []
    real_patch = client.tus_patch

    def patch(url, offset, data, checksum=None):
        sent.append((offset, len(data), checksum))
        return real_patch(url, offset, data, checksum)

    def create(*args, **kw):  # the announce names the upload: no creation needed
        raise AssertionError("unexpected creation")
    client.tus_patch, client.tus_create = patch, create
    report = PacketUploader(outbox, client, chunk_size=tus_harness.CHUNK, checksums=True).run_once(force=True)
    assert report.committed == [item.packet_id], report.error
    packet = outbox.path(item).read_bytes()
    assert len(sent) == -(-len(packet) // tus_harness.CHUNK) > 3
    for offset, length, checksum in sent:
        assert checksum == "sha256 " + base64.b64encode(hashlib.sha256(packet[offset:offset + length]).digest()).decode()
    sent.clear()
    other = outbox.submit(make_case(store, fake).id)
    assert PacketUploader(outbox, client, chunk_size=tus_harness.CHUNK).run_once(force=True).committed == [other.packet_id]
    assert sent and all(checksum is None for *_, checksum in sent)  # off by default
