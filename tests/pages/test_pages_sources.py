"""Page sources: files (by content), the SANE test backend, the simulated document camera."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest

from shared.devices import testpages as tp
from shared.capture.barcode import read_barcodes
from shared.capture.page import process_page
from shared.devices import pages as page_sources
from shared.devices.doccam import DocumentCamera
from shared.devices.doccam_sim import simulated_frames, write_video
from shared.devices.file_source import FileSource, load_pages
from shared.devices.sane_source import SaneSource, map_error
from shared.errors import CaptureError, DeviceError


@pytest.fixture(scope="module")
def small_page():
    return tp.make_page(width=400, seal=True).image


def _pdf(n_pages: int) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, 400))
    for i in range(n_pages):
        c.rect(20, 20, 260, 360)
        c.drawString(40, 340, "Page {}".format(i + 1))
        c.showPage()
    c.save()
    return buf.getvalue()


def test_jpeg_png_by_content_not_extension(tmp_path, small_page):
    (tmp_path / "scan.png").write_bytes(tp.encode_jpeg(small_page))  # a JPEG named .png
    (tmp_path / "b.jpg").write_bytes(cv2.imencode(".png", small_page)[1].tobytes())
    pages = list(FileSource([tmp_path / "scan.png", tmp_path / "b.jpg"]).acquire())
    assert len(pages) == 2 and pages[0].shape == small_page.shape
    assert np.array_equal(pages[1], small_page)


def test_multipage_tiff(tmp_path, small_page):
    ok, buf = cv2.imencodemulti(".tiff", [small_page, cv2.flip(small_page, 0), small_page[:100]])
    assert ok
    (tmp_path / "batch.tif").write_bytes(buf.tobytes())
    pages = list(FileSource(tmp_path / "batch.tif").acquire())
    assert [p.shape[0] for p in pages] == [small_page.shape[0], small_page.shape[0], 100]
    assert np.array_equal(pages[1], cv2.flip(small_page, 0))


def test_pdf_pages_rendered_through_pipes(tmp_path):
    (tmp_path / "contract.pdf").write_bytes(_pdf(3))
    pages = list(FileSource(tmp_path / "contract.pdf", dpi=72).acquire())
    assert len(pages) == 3
    assert pages[0].shape == (400, 300, 3)
    assert pages[0].mean() > 200 and pages[0].min() < 80  # white page with a black frame


def test_corrupt_files_refused_with_their_name(tmp_path, small_page):
    jpg = tp.encode_jpeg(small_page)
    (tmp_path / "cut.jpg").write_bytes(jpg[: len(jpg) // 3])
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage without objects")
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    for name in ("cut.jpg", "broken.pdf", "bad.png"):
        with pytest.raises(CaptureError) as err:
            list(FileSource(tmp_path / name).acquire())
        assert err.value.code == "file.corrupt"
        assert name in str(err.value)


def test_wrong_type_refused(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"PK\x03\x04 this is a zip archive")
    with pytest.raises(CaptureError) as err:
        list(FileSource(tmp_path / "photo.jpg").acquire())
    assert err.value.code == "file.type" and "photo.jpg" in str(err.value)


def test_oversized_refused_before_reading(tmp_path, small_page):
    path = tmp_path / "huge.jpg"
    path.write_bytes(tp.encode_jpeg(small_page) + b"\x00" * 300_000)
    with pytest.raises(CaptureError) as err:
        list(FileSource(path, max_bytes=200_000).acquire())
    assert err.value.code == "file.too_large" and "huge.jpg" in str(err.value)
    with pytest.raises(CaptureError):
        load_pages(path.read_bytes(), "huge.jpg", max_bytes=200_000)


def test_missing_file(tmp_path):
    with pytest.raises(CaptureError) as err:
        list(FileSource(tmp_path / "nope.jpg").acquire())
    assert err.value.code == "file.missing"


def test_sane_feeder_multi_page(sane_config):
    with SaneSource("test:0", source="adf", resolution=75,
                    options={"test-picture": "Color pattern",
                             "read-return-value": "Default"}) as scanner:
        pages = list(scanner.acquire())
    assert len(pages) == 10  # the test backend's feeder holds ten sheets
    assert all(p.ndim == 3 and p.shape[2] == 3 and p.dtype == np.uint8 for p in pages)
    assert pages[0].std() > 10  # a colour pattern, not an empty frame


def test_sane_flatbed_single_page(sane_config):
    with SaneSource("test:0", source="flatbed", resolution=50,
                    options={"read-return-value": "Default"}) as scanner:
        pages = list(scanner.acquire())
    assert len(pages) == 1


@pytest.mark.parametrize("status,code", [("SANE_STATUS_JAMMED", "scanner.jammed"),
                                         ("SANE_STATUS_NO_DOCS", "scanner.no_docs"),
                                         ("SANE_STATUS_COVER_OPEN", "scanner.cover_open"),
                                         ("SANE_STATUS_DEVICE_BUSY", "scanner.busy")])
def test_sane_status_mapped_to_chinese(sane_config, status, code):
    scanner = SaneSource("test:0", resolution=50, options={"read-return-value": status})
    try:
        with pytest.raises(DeviceError) as err:
            list(scanner.acquire())
    finally:
        list(scanner.acquire(options={"read-return-value": "Default"}))  # reset the backend
        scanner.close()
    assert err.value.code == code
    assert err.value.msg.render("zh") != err.value.msg.code


def test_sane_device_not_found(sane_config):
    with pytest.raises(DeviceError) as err:
        list(SaneSource("nosuchscanner:0").acquire())
    assert err.value.code == "scanner.not_found" and "nosuchscanner:0" in str(err.value)


def test_map_error_unknown_status_keeps_detail():
    err = map_error(RuntimeError("Something odd"), "test:0")
    assert err.code == "scanner.failed" and "Something odd" in str(err)


def test_list_sources_and_check(sane_config):
    ids = [s["id"] for s in page_sources.list_sources()]
    assert "file" in ids and "sane:test:0" in ids
    report = {r["device"]: r for r in page_sources.check()}
    assert report["file"]["ok"] and report["pdf"]["ok"] and report["scanner"]["ok"]
    assert not report["doccam"]["ok"]  # no camera on the test machine
    src = page_sources.open_source("sane:test:0", resolution=50)
    assert isinstance(src, SaneSource) and src.kind == "scanner"
    src.close()


@pytest.fixture(scope="module")
def sim_frames():
    return list(simulated_frames(n_moving=6, n_still=8, with_corners=True))


def test_doccam_auto_capture_when_still(sim_frames):
    cam = DocumentCamera([f for f, _ in sim_frames])
    shots = list(cam.acquire(still_frames=3))
    cam.close()
    assert len(shots) == 1
    page = process_page(shots[0])
    truth = sim_frames[-1][1]
    size = np.hypot(*(truth[2] - truth[0]))
    assert np.hypot(*(np.array(page.corners) - truth).T).max() <= 0.01 * size
    codes = read_barcodes(page.decode())
    assert codes and codes[0].text.startswith("unit=350102003004GB00012F00030012")


def test_doccam_never_still_raises(sim_frames):
    moving = [f for f, _ in sim_frames[:6]]
    with pytest.raises(DeviceError) as err:
        list(DocumentCamera(moving).acquire(still_frames=3))
    assert err.value.code == "doccam.no_still"


def test_doccam_from_video_file(tmp_path):
    path = tmp_path / "doccam.avi"
    n = write_video(str(path), n_moving=3, n_still=5, size=(640, 480))
    assert n == 8
    cam = DocumentCamera(str(path))
    assert cam.snapshot().shape == (480, 640, 3)
    cam.close()
    with DocumentCamera(str(path)) as cam:
        assert len(list(cam.acquire(still_frames=2))) == 1


def test_doccam_missing_device(tmp_path):
    with pytest.raises(DeviceError) as err:
        list(DocumentCamera(str(tmp_path / "none.avi")).acquire())
    assert err.value.code == "doccam.not_found"


def test_a_600_dpi_scan_is_reduced_before_it_is_converted_and_keeps_its_barcodes():
    """A 600 dpi A4 colour scan (4960 x 7016) becomes an array no larger than SCAN_MAX_SIDE,
    made from the reduced image (the full-size array is never built), its codes still read."""
    from PIL import Image

    from shared.devices.sane_source import SCAN_MAX_SIDE, scan_to_bgr

    page = tp.make_page(width=4960, qr_text="unit=350102003004GB00012F00030012", code128_text="HT20230815001")
    rgb = cv2.cvtColor(page.image, cv2.COLOR_BGR2RGB)
    scan = Image.fromarray(rgb)
    converted = []
    real_asarray = np.asarray

    def spy(obj, *a, **k):
        out = real_asarray(obj, *a, **k)
        converted.append(out.shape)
        return out
    np.asarray = spy
    try:
        bgr = scan_to_bgr(scan)
    finally:
        np.asarray = real_asarray
    assert max(bgr.shape[:2]) <= SCAN_MAX_SIDE and bgr.shape[2] == 3
    assert converted and all(max(s[:2]) <= SCAN_MAX_SIDE for s in converted)
    assert abs(bgr.shape[0] / bgr.shape[1] - rgb.shape[0] / rgb.shape[1]) < 0.01
    texts = {b.text for b in read_barcodes(bgr)}
    assert {"unit=350102003004GB00012F00030012", "HT20230815001"} <= texts
    small = Image.fromarray(rgb[:1754, :1240])  # 150 dpi: left as it is
    assert scan_to_bgr(small).shape[:2] == (1754, 1240)
