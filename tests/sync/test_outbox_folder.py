"""The packet folder replaced by a file: new submissions pause with the reason, nothing crashes."""

from __future__ import annotations

from pathlib import Path

from shared.sync.outbox import Outbox


def test_a_file_where_the_packet_folder_belongs_pauses_submissions_with_the_reason(store):
    outbox = Outbox(store)
    folder = Path(store.path).parent / "outbox"
    if folder.exists():
        folder.rmdir()
    folder.write_text("x")
    blocked = outbox.guard_rails()
    assert [m.code for m in blocked] == ["sync.outbox_dir"]
    assert str(folder) in blocked[0].render() and "文件夹" in blocked[0].render()
    assert outbox.sweep() == 0  # the housekeeping of a sync pass passes it by
    assert folder.read_text() == "x"  # and leaves it as it is
