"""The page pipeline on generated photos whose true corners are known."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from skimage.metrics import structural_similarity

from shared.devices import testpages as tp
from shared.capture.page import (ProcessedPage, check_page_quality, decode_image_bytes,
                                 is_still, process_page)
from shared.capture.page_geometry import estimate_skew, find_page_corners, rotate_bound
from shared.errors import CaptureError


def _red_pixels(bgr: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    h, s, v = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    return ((h <= 10) | (h >= 165)) & (s > 100) & (v > 80)


@pytest.mark.parametrize("seed,rotate", [(1, 6.0), (2, -9.0), (3, 0.0)])
def test_corners_within_one_percent(page_with_codes, seed, rotate):
    photo = tp.make_photo(page_with_codes, size=(1600, 1200), seed=seed, rotate_deg=rotate)
    corners, how = find_page_corners(photo.image)
    assert how == "quad"
    page_size = np.hypot(*(photo.corners[2] - photo.corners[0]))
    err = np.hypot(*(corners - photo.corners).T).max()
    assert err <= 0.01 * page_size


def test_process_page_result(tilted_photo):
    page = process_page(tilted_photo.image)
    assert isinstance(page, ProcessedPage)
    assert page.format == "jpeg" and page.data[:3] == b"\xff\xd8\xff"
    assert page.flags == []
    assert page.corners is not None and len(page.corners) == 4
    assert {"warp", "normalise"} <= set(page.steps)
    # The straightened page keeps the A4 proportions of the generated sheet.
    assert page.height / page.width == pytest.approx(1.414, rel=0.03)
    out = page.decode()
    assert out.shape[:2] == (page.height, page.width)
    assert page.metadata()["size_bytes"] == len(page.data)


def test_deskew_straightens_a_rotated_scan(page_with_codes):
    flat = page_with_codes.image
    skewed = rotate_bound(flat, -3.0, border=250)  # a sheet laid 3 degrees off on a flatbed
    assert abs(estimate_skew(cv2.cvtColor(skewed, cv2.COLOR_BGR2GRAY))) == pytest.approx(3.0, abs=0.3)
    page = process_page(skewed, detect_outline=False, keep_image=True)
    assert "deskew" in page.steps
    assert abs(page.deskew_angle) == pytest.approx(3.0, abs=0.3)
    grey = page.image if page.image.ndim == 2 else cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY)
    assert abs(estimate_skew(grey)) <= 0.3


def test_red_seal_survives_auto_mode(tilted_photo):
    page = process_page(tilted_photo.image, mode="auto")
    assert page.mode == "colour" and "keep-colour-regions" in page.steps
    out = page.decode()
    red = _red_pixels(out)
    assert red.sum() > 2000
    ys, xs = np.nonzero(red)
    # The seal sits at (0.66, 0.62) of the sheet.
    assert xs.mean() / out.shape[1] == pytest.approx(0.66, abs=0.05)
    assert ys.mean() / out.shape[0] == pytest.approx(0.62, abs=0.05)
    b, g, r = out[red].mean(axis=0)
    assert r > g + 80 and r > b + 80
    # Outside coloured marks the page is neutral grey (what keeps colour JPEGs small).
    grey_zone = out[: out.shape[0] // 3].astype(int)
    assert np.abs(grey_zone[:, :, 2] - grey_zone[:, :, 1]).mean() < 3


def test_text_mode_is_grey(tilted_photo):
    page = process_page(tilted_photo.image, mode="text")
    assert page.mode in ("text", "bilevel")
    raw = cv2.imdecode(np.frombuffer(page.data, np.uint8), cv2.IMREAD_UNCHANGED)
    assert raw.ndim == 2
    assert _red_pixels(page.decode()).sum() == 0


@pytest.mark.parametrize("target_kb", [150, 60])
def test_compression_fits_target_and_stays_similar(tilted_photo, target_kb):
    page = process_page(tilted_photo.image, target_kb=target_kb, keep_image=True)
    assert page.size_bytes <= target_kb * 1024
    ref = page.image if page.image.ndim == 2 else cv2.cvtColor(page.image, cv2.COLOR_BGR2GRAY)
    out = cv2.cvtColor(page.decode(), cv2.COLOR_BGR2GRAY)
    size = (500, int(500 * ref.shape[0] / ref.shape[1]))
    a = cv2.resize(ref, size, interpolation=cv2.INTER_AREA)
    b = cv2.resize(out, size, interpolation=cv2.INTER_AREA)
    assert structural_similarity(a, b) > 0.95


def test_blank_page_flagged_and_refused():
    photo = tp.make_photo(tp.make_page(width=700, blank=True), size=(1200, 900), seed=4)
    page = process_page(photo.image)
    assert "blank" in page.flags
    with pytest.raises(CaptureError) as err:
        check_page_quality(page)
    assert err.value.code == "page.blank" and "空白" in str(err.value)
    check_page_quality(page, allow_blank=True)


def test_blurred_page_flagged(page_with_codes):
    photo = tp.make_photo(page_with_codes, size=(1600, 1200), seed=5, blur=3.0)
    page = process_page(photo.image)
    assert "blurred" in page.flags
    with pytest.raises(CaptureError) as err:
        check_page_quality(page)
    assert err.value.code == "page.blurred" and "模糊" in str(err.value)


def test_dark_page_flagged(page_with_codes):
    photo = tp.make_photo(page_with_codes, size=(1600, 1200), seed=5, brightness=0.3)
    page = process_page(photo.image)
    assert "dark" in page.flags
    with pytest.raises(CaptureError) as err:
        check_page_quality(page)
    assert err.value.code == "page.dark"


def test_sharp_page_passes_quality(tilted_photo):
    check_page_quality(process_page(tilted_photo.image))


def test_is_still():
    rng = np.random.default_rng(0)
    base = tp.make_photo(tp.make_page(width=500, seal=False), size=(640, 480), seed=1).image
    noisy = np.clip(base.astype(int) + rng.integers(-3, 4, base.shape), 0, 255).astype(np.uint8)
    moved = np.roll(base, 40, axis=1)
    assert is_still(base, noisy)
    assert not is_still(base, moved)
    assert not is_still(None, base)


def test_decode_image_bytes_sniffs_content(tilted_photo):
    img = tilted_photo.image[:200, :300]
    png = cv2.imencode(".png", img)[1].tobytes()
    assert np.array_equal(decode_image_bytes(png), img)
    with pytest.raises(CaptureError) as err:
        decode_image_bytes(b"MZ\x90\x00 not an image at all", name="x.png")
    assert err.value.code == "file.type" and "x.png" in str(err.value)
    jpg = tp.encode_jpeg(img)
    with pytest.raises(CaptureError) as err:
        decode_image_bytes(jpg[: len(jpg) // 2], name="half.jpg")
    assert err.value.code == "file.corrupt" and "half.jpg" in str(err.value)


def test_bad_mode_and_empty_image():
    with pytest.raises(ValueError):
        process_page(np.zeros((100, 100, 3), np.uint8), mode="sepia")
    with pytest.raises(CaptureError):
        process_page(np.zeros((4, 4, 3), np.uint8))
