"""QtPagesView through pytest-qt: add (processed off the UI thread), rotate, delete, reorder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from shared.devices import testpages as tp  # noqa: E402
from shared.capture.page import decode_image_bytes  # noqa: E402
from shared.ui.pages_view import QtPagePreview, QtPagesView, rotate_page  # noqa: E402


def _page(width: int, height: int, shade: int = 255) -> dict:
    img = np.full((height, width, 3), shade, np.uint8)
    cv2.putText(img, "P", (10, height // 2), cv2.FONT_HERSHEY_SIMPLEX, 1, (0, 0, 0), 2)
    img[:20, :20] = 0  # a black top-left corner shows which way a page was turned
    data = cv2.imencode(".jpg", img)[1].tobytes()
    return {"data": data, "meta": {"format": "jpeg", "width": width, "height": height,
                                   "quality": 85, "mode": "colour", "tag": shade}}


@pytest.fixture
def view(qtbot):
    pages = [_page(100, 140, 250), _page(100, 140, 200), _page(100, 140, 150)]
    w = QtPagesView(pages)
    qtbot.addWidget(w)
    return w


def _tags(pages):
    return [p["meta"]["tag"] for p in pages]


def test_add_images_processed_in_pool(qtbot, view):
    photo = tp.make_photo(tp.make_page(width=500), size=(900, 700), seed=3).image
    with qtbot.waitSignal(view.pagesChanged, timeout=20000) as blocker:
        view.add_images([photo])
    pages = blocker.args[0]
    assert len(pages) == 4 and not view.busy()
    meta = pages[-1]["meta"]
    assert meta["corners"] is not None and meta["size_bytes"] == len(pages[-1]["data"])
    assert view.list.item(3).text() == "第 4 页"


def test_processing_failure_reported(qtbot, view):
    with qtbot.waitSignal(view.processingFailed, timeout=20000) as blocker:
        view.add_images([np.zeros((4, 4, 3), np.uint8)])
    assert "有效的页面图像" in blocker.args[0]
    assert len(view.pages()) == 3


def _dark_corner(data: bytes) -> str:
    img = decode_image_bytes(data)
    corners = {"top left": img[:15, :15], "top right": img[:15, -15:],
               "bottom left": img[-15:, :15], "bottom right": img[-15:, -15:]}
    return min(corners, key=lambda name: float(corners[name].mean()))


def test_rotate(qtbot, view):
    view.list.setCurrentRow(1)
    assert _dark_corner(view.pages()[1]["data"]) == "top left"
    with qtbot.waitSignal(view.pagesChanged) as blocker:
        view.rotate_selected(1)
    page = blocker.args[0][1]
    assert page["meta"]["rotation"] == 90
    assert decode_image_bytes(page["data"]).shape[:2] == (100, 140)
    assert _dark_corner(page["data"]) == "top right"  # clockwise: the top edge is now on the right
    view.rotate_selected(-1)
    assert view.pages()[1]["meta"]["rotation"] == 0
    assert _dark_corner(view.pages()[1]["data"]) == "top left"
    view.rotate_selected(-1)
    assert view.pages()[1]["meta"]["rotation"] == 270
    assert _dark_corner(view.pages()[1]["data"]) == "bottom left"  # anticlockwise


def test_delete(qtbot, view):
    view.list.setCurrentRow(0)
    with qtbot.waitSignal(view.pagesChanged) as blocker:
        view.delete_selected()
    assert _tags(blocker.args[0]) == [200, 150]
    assert view.list.item(0).text() == "第 1 页"


def test_reorder(qtbot, view):
    with qtbot.waitSignal(view.pagesChanged) as blocker:
        view.move_page(0, 2)
    assert _tags(blocker.args[0]) == [200, 150, 250]
    # A drag inside the list moves model rows the same way.
    with qtbot.waitSignal(view.pagesChanged) as blocker:
        view.list.model().moveRow(view.list.rootIndex(), 2, view.list.rootIndex(), 0)
    assert _tags(blocker.args[0]) == [250, 200, 150]


def test_retake_replaces_in_place(qtbot, view):
    view.list.setCurrentRow(2)
    with qtbot.waitSignal(view.retakeRequested) as blocker:
        view._retake_selected()
    assert blocker.args == [2]
    photo = tp.make_photo(tp.make_page(width=500), size=(900, 700), seed=4).image
    with qtbot.waitSignal(view.pagesChanged, timeout=20000) as changed:
        view.replace_image(2, photo)
    pages = changed.args[0]
    assert len(pages) == 3 and "tag" not in pages[2]["meta"] and pages[2]["meta"]["corners"]


def test_preview_zoom(qtbot, view):
    dialog = view.open_preview(0)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QtPagePreview) and dialog.isVisible()
    assert dialog.zoom == 1.0 and dialog.label.pixmap().width() == 100  # a small page opens at 100 %
    dialog.zoom_by(2.0)
    assert dialog.zoom == 2.0 and dialog.label.pixmap().width() == 200
    dialog.zoom_by(0.25)
    assert dialog.zoom == 0.5 and dialog.label.pixmap().width() == 50
    dialog.zoom_by(100.0)
    assert dialog.zoom == 4.0 and dialog.label.pixmap().width() == 400  # at most 400 %
    assert view.open_preview(10) is None


def test_rotate_page_keeps_png_format():
    img = np.full((60, 40), 255, np.uint8)
    page = {"data": cv2.imencode(".png", img)[1].tobytes(),
            "meta": {"format": "png", "mode": "bilevel"}}
    turned = rotate_page(page, 1)
    assert turned["data"][:4] == b"\x89PNG" and turned["meta"]["width"] == 60


def test_a_slot_shows_at_once_and_its_thumbnails_arrive_from_workers(qtbot):
    from shared.ui import pages_view as pv

    pv.clear_thumbnail_cache()
    pv.decoded_on.clear()
    pv.decoded_at.clear()
    pages = [_page(1300, 1800, 100 + i) for i in range(16)]
    w = QtPagesView()
    qtbot.addWidget(w)
    w.set_pages(pages, emit=False)
    assert w.list.count() == 16  # shown at once, with placeholders
    qtbot.waitUntil(lambda: w.thumbnails_pending() == 0, timeout=20000)
    assert len(pv.decoded_on) == 16 and not any(pv.decoded_on)  # decoded, never on the UI thread
    assert len(pv.decoded_at) == 16 and all(max(wh) == pv.THUMB for wh in pv.decoded_at)  # at thumbnail size
    size = w.list.item(0).icon().availableSizes()[0]
    assert max(size.width(), size.height()) <= pv.THUMB
    w.set_pages([], emit=False)
    w.set_pages(pages, emit=False)  # back to the slot: from the cache
    qtbot.waitUntil(lambda: w.thumbnails_pending() == 0, timeout=20000)
    assert len(pv.decoded_on) == 16
    pv.clear_thumbnail_cache()
    assert not pv._cache
