"""A straightened page keeps the sheet's true proportions: pinhole-camera photos of sheets of
known size, at various tilts, come out with the sheet's aspect (and a seal stays round)."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from shared.capture import page_geometry as geo
from shared.capture.page import process_page
from shared.devices import testpages as tp

SIZE = (2592, 1944)
A4 = (210.0, 297.0)


@pytest.mark.parametrize("yaw,pitch,roll", [(10, 20, 5), (-15, -12, 3), (18, 8, 88), (4, -3, 0)])
def test_general_tilt_recovers_the_focal_length_and_the_aspect(yaw, pitch, roll):
    corners = tp.camera_corners(A4, SIZE, focal=0.78, yaw=yaw, pitch=pitch, roll=roll)
    est = geo.estimate_aspect(corners, SIZE, snap=False)
    assert est.method == "perspective"
    assert est.focal == pytest.approx(0.78, rel=1e-3)
    assert est.measured == pytest.approx(210 / 297, rel=1e-4)


def test_todays_side_lengths_squash_a_tilted_a4_and_the_estimate_does_not():
    corners = tp.camera_corners(A4, SIZE, focal=0.65, yaw=6, pitch=12, roll=2)
    old_w, old_h = geo.warp_size(corners, 10 ** 6)
    assert old_h / old_w < 0.96 * math.sqrt(2)  # the bug: ~5 % too short
    new_w, new_h = geo.warp_size(corners, 10 ** 6, geo.estimate_aspect(corners, SIZE).aspect)
    assert new_h / new_w == pytest.approx(math.sqrt(2), rel=0.003)


def test_one_vanishing_point_uses_the_focal_prior():
    # Pitch only: the top and bottom edges stay parallel, the focal length cannot be seen.
    corners = tp.camera_corners(A4, SIZE, focal=0.65, pitch=18)
    est = geo.estimate_aspect(corners, SIZE, snap=False)
    assert est.method == "focal-prior" and est.focal == geo.FOCAL_PRIOR
    assert est.measured == pytest.approx(210 / 297, rel=1e-4)  # exact when the prior is right
    off = geo.estimate_aspect(corners, SIZE, focal_prior=0.8, snap=False)
    assert off.measured == pytest.approx(210 / 297, rel=0.03)  # a wrong prior: a little off
    assert off.measured != pytest.approx(210 / 297, rel=0.005)


def test_frontal_photo_needs_no_focal_length():
    corners = tp.camera_corners((85.6, 54.0), SIZE, focal=0.7)
    est = geo.estimate_aspect(corners, SIZE)
    assert est.method == "affine" and est.size == "身份证"
    assert est.aspect == pytest.approx(85.6 / 54.0, rel=1e-3)


@pytest.mark.parametrize("corners", [
    [[0, 0], [100, 0], [200, 0], [300, 0]],            # collinear
    [[0, 0], [0, 0], [0, 0], [0, 0]],                  # one point
    [[100, 100], [900, 120], [150, 700], [800, 650]],  # crossed (bow tie)
])
def test_degenerate_outlines_fall_back_to_the_sides(corners):
    est = geo.estimate_aspect(np.array(corners, np.float32), SIZE, snap=False)
    assert est.method == "sides" and math.isfinite(est.measured)


def test_snapping_to_standard_sheets_keeps_the_orientation():
    assert geo.snap_aspect(1.40) == (pytest.approx(260 / 185), "不动产权证书")
    assert geo.snap_aspect(1 / 1.42) == (pytest.approx(1 / math.sqrt(2)), "A4")
    assert geo.snap_aspect(1.57) == (pytest.approx(85.6 / 54.0), "身份证")
    assert geo.snap_aspect(1.25) == (1.25, "")
    assert geo.snap_aspect(1.30, tolerance=0.0) == (1.30, "")


def _red_box(bgr: np.ndarray) -> tuple[int, int]:
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    red = (((hsv[..., 0] <= 10) | (hsv[..., 0] >= 165)) & (hsv[..., 1] > 100)
           & (hsv[..., 2] > 80)).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(red)
    x0, y0 = stats[1:, 0].min(), stats[1:, 1].min()
    x1 = (stats[1:, 0] + stats[1:, 2]).max()
    y1 = (stats[1:, 1] + stats[1:, 3]).max()
    return int(x1 - x0), int(y1 - y0)


@pytest.mark.parametrize("yaw,pitch,roll,focal", [(8, 16, 3, 0.7), (0, -15, 0, 0.65),
                                                  (-14, 6, -4, 0.6)])
def test_photographed_a4_comes_out_a4_with_a_round_seal(yaw, pitch, roll, focal):
    page = tp.make_page(width=900)
    corners = tp.camera_corners(A4, SIZE, focal=focal, yaw=yaw, pitch=pitch, roll=roll)
    photo = tp.make_photo(page, size=SIZE, corners=corners, seed=5)
    result = process_page(photo.image, keep_image=True)
    assert result.height / result.width == pytest.approx(math.sqrt(2), rel=0.01)
    assert any(s.startswith("aspect:") and s.endswith(":A4") for s in result.steps)
    w, h = _red_box(result.image)
    assert w / h == pytest.approx(1.0, abs=0.04)
